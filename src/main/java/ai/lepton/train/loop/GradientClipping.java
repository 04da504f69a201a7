package ai.lepton.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * Scales a network's gradients down so that their global L2 norm is at most a bound, as transformer fine-tuning does
 * before each step. Computed on the device without reading anything back, so a GPU never waits for the host.
 */
final class GradientClipping {

    private GradientClipping() {}

    /** Clips the gradients of {@code network}'s trainable parameters to norm {@code maxNorm}; temporaries in {@code scope}. */
    static void toNorm(Block network, float maxNorm, NDManager scope) {
        NDList gradients = new NDList();
        for (Parameter parameter : network.getParameters().values()) {
            NDArray weight = parameter.getArray();
            if (parameter.requiresGradient() && weight.hasGradient()) {
                NDArray gradient = weight.getGradient(); // a new handle on the gradient's storage
                gradient.attach(scope);
                gradients.add(gradient);
            }
        }
        if (gradients.isEmpty()) {
            return;
        }
        NDArray squares = null;
        for (NDArray gradient : gradients) {
            NDArray sum = gradient.square().sum();
            squares = squares == null ? sum : squares.add(sum);
        }
        NDArray factor = squares.sqrt().add(1e-6f).pow(-1).mul(maxNorm).minimum(1f);
        for (NDArray gradient : gradients) {
            gradient.muli(factor);
        }
    }
}
