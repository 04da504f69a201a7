package ai.lepton.runtime;

import ai.djl.Device;
import ai.lepton.base.Settings;

/**
 * Where the runtime predicts: the CPU unless {@code LEPTON_DEVICE} (or the system property {@code lepton.device})
 * says {@code gpu} or {@code gpu:N}. Single rows are fastest on the CPU; large batches may gain on a GPU.
 */
final class RuntimeDevice {

    private RuntimeDevice() {}

    static Device fromEnvironment() {
        String wanted = Settings.DEVICE.get();
        return wanted.equals("cpu")
                ? Device.cpu()
                : Device.gpu(wanted.equals("gpu") ? 0 : Integer.parseInt(wanted.substring(4)));
    }
}
