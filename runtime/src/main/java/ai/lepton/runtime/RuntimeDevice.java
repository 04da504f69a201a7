package ai.lepton.runtime;

import ai.djl.Device;

/**
 * Where the runtime predicts: the CPU unless {@code LEPTON_DEVICE} (or the system property {@code lepton.device})
 * says {@code gpu} or {@code gpu:N}. Single rows are fastest on the CPU; large batches may gain on a GPU.
 */
final class RuntimeDevice {

    private RuntimeDevice() {
    }

    static Device fromEnvironment() {
        String wanted = System.getProperty("lepton.device", System.getenv().getOrDefault("LEPTON_DEVICE", "cpu")).trim();
        if (wanted.isEmpty() || wanted.equals("cpu")) {
            return Device.cpu();
        }
        if (wanted.matches("gpu(:\\d+)?")) {
            return Device.gpu(wanted.equals("gpu") ? 0 : Integer.parseInt(wanted.substring(4)));
        }
        throw new IllegalArgumentException("LEPTON_DEVICE is '" + wanted + "'; use cpu, gpu or gpu:N.");
    }
}
