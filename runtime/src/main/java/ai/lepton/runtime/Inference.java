package ai.lepton.runtime;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.lepton.runtime.model.Architecture;

/**
 * One forward pass of a Lepton network without training bookkeeping: the runtime predicts this way, and
 * promotion computes its reference outputs this way, so both run the very same code.
 */
public final class Inference {

    private Inference() {}

    /**
     * The outputs for {@code rows} rows of {@code features} (row-major): rows × classes probabilities when
     * {@code probabilities}, else the raw outputs. Safe on many threads: each call has its own native scope.
     */
    public static float[] outputs(
            Model model, Architecture architecture, float[] features, int rows, boolean probabilities) {
        JniUtils.setGradMode(false); // per thread in PyTorch: inference records no graph
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray input = scope.create(features, architecture.inputShape(rows));
            NDArray output = model.getBlock()
                    .forward(new ParameterStore(scope, false), new NDList(input), false)
                    .singletonOrThrow();
            return (probabilities ? output.softmax(-1) : output).toFloatArray();
        }
    }
}
