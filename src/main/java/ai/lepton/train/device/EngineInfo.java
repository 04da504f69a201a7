package ai.lepton.train.device;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * The engine DJL loaded and what it can run on.
 *
 * @param name          engine name, "PyTorch"
 * @param version       the native library's version, e.g. "2.7.1"
 * @param gpuCount      CUDA devices visible to the engine
 * @param defaultDevice where tensors go unless told otherwise
 * @param offline       whether DJL may not download anything ({@code ai.djl.offline})
 */
public record EngineInfo(String name, String version, int gpuCount, Device defaultDevice, boolean offline) {

    /** Loads the default engine (offline, from the natives on the classpath) and describes it. */
    public static EngineInfo current() {
        Engine engine = Engine.getInstance();
        return new EngineInfo(
                engine.getEngineName(),
                engine.getVersion(),
                engine.getGpuCount(),
                engine.defaultDevice(),
                Boolean.getBoolean("ai.djl.offline"));
    }

    @Override
    public String toString() {
        String devices = gpuCount == 0 ? "CPU only (no CUDA device visible)" : gpuCount + " GPU(s)";
        return name + " " + version + " — " + devices + ", default device " + defaultDevice
                + (offline ? ", offline" : "");
    }
}
