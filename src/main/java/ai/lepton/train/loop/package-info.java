/**
 * Training a run: {@link ai.lepton.train.loop.Training} builds the network, records the run's parameters,
 * {@link ai.lepton.track.Lineage} and environment, and runs our thin loop over DJL's {@code Trainer} with the standard
 * listeners and the caller's, with metrics that need no device sync per batch (a new head on a pretrained text encoder is
 * first fitted as a probe on the texts encoded once: {@link ai.lepton.train.loop.ProbeFirst});
 * {@link ai.lepton.train.loop.Training#resume}
 * continues a run from its last checkpoint after an interrupt or a crash. Beside it: the optimizer whose state survives a
 * resume ({@link ai.lepton.train.loop.StatefulOptimizer}), its learning-rate {@link ai.lepton.train.loop.Schedule},
 * gradient clipping, the per-thread gradient collector that lets trials train side by side, regression's loss, the
 * checkpoints ({@code last} and {@code best}, written whole or not at all), and a finished run's network rebuilt from its
 * final checkpoint ({@link ai.lepton.train.loop.RestoredNetwork}).
 */
package ai.lepton.train.loop;
