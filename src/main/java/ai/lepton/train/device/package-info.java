/**
 * What the engine sees, for {@code Lepton.engine()}, {@code Lepton.device()} and the GPU checks: the DJL engine, its
 * version and GPU count ({@link ai.lepton.train.device.EngineInfo}), and a report of the device a run would train on
 * ({@link ai.lepton.train.device.DeviceReport}).
 */
package ai.lepton.train.device;
