package ai.lepton.train;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a device setting into the DJL device to train on. {@code auto} takes the first GPU when CUDA is
 * there and otherwise the CPU, saying so once; {@code gpu:N} on a machine without GPU N is an error that
 * says how many there are.
 */
public final class Devices {

    private static final Pattern SYNTAX = Pattern.compile("auto|cpu|gpu(?::(\\d+))?");

    private Devices() {}

    /** Whether {@code setting} is auto, cpu, gpu or gpu:N. */
    static boolean isValid(String setting) {
        return setting != null && SYNTAX.matcher(setting).matches();
    }

    /** The device for {@code setting} given {@code gpus} visible CUDA devices; {@code notes} hears the one-line CPU fallback. */
    public static Device select(String setting, int gpus, Consumer<String> notes) {
        Matcher matcher = SYNTAX.matcher(setting);
        if (!matcher.matches()) {
            throw new TrainingException(
                    "device: " + setting + " is not a device; use auto, cpu, gpu or gpu:N (N counts from 0).");
        }
        if (setting.equals("cpu")) {
            return Device.cpu();
        }
        if (setting.equals("auto")) {
            if (gpus == 0) {
                notes.accept(
                        "device: auto → CPU (no CUDA GPU visible to PyTorch; see environment/GPU.md to train on a GPU)");
                return Device.cpu();
            }
            return Device.gpu(0);
        }
        int index = matcher.group(1) == null ? 0 : Integer.parseInt(matcher.group(1));
        if (index >= gpus) {
            throw new TrainingException("device: " + setting + " asks for GPU " + index + ", but PyTorch sees "
                    + (gpus == 0
                            ? "no GPU on this machine (or the CPU natives are loaded; see environment/GPU.md)"
                            : gpus + " GPU(s): 0 to " + (gpus - 1))
                    + ". Use device: auto or cpu.");
        }
        return Device.gpu(index);
    }

    /** The device for {@code setting} on this machine. */
    public static Device select(String setting, Consumer<String> notes) {
        return select(setting, Engine.getInstance().getGpuCount(), notes);
    }
}
