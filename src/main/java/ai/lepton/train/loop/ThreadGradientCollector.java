package ai.lepton.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * Records gradients for one batch on the calling thread. DJL's own PyTorch collector allows one collector
 * per JVM (a global flag), so two sweep trials could not train side by side; PyTorch's grad mode is per
 * thread anyway, which is all this one switches.
 */
final class ThreadGradientCollector implements GradientCollector {

    private final Block block;

    /** Starts recording; {@code block} is the network whose gradients {@link #zeroGradients} clears. */
    ThreadGradientCollector(Block block) {
        this.block = block;
        JniUtils.setGradMode(true);
    }

    @Override
    public void backward(NDArray target) {
        try (NDArray seed = target.onesLike()) {
            JniUtils.backward((PtNDArray) target, (PtNDArray) seed, false, false);
        }
    }

    @Override
    public void zeroGradients() {
        for (Parameter parameter : block.getParameters().values()) {
            NDArray weight = parameter.getArray();
            if (weight.hasGradient()) {
                try (NDArray gradient = weight.getGradient()) { // a new handle on the same storage
                    gradient.subi(gradient);
                }
            }
        }
    }

    @Override
    public void close() {
        JniUtils.setGradMode(false);
    }
}
