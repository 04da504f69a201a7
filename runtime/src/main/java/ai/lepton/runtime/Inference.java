package ai.lepton.runtime;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.runtime.text.TextTokenizer;
import ai.lepton.runtime.text.TokenBatch;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One forward pass of a Lepton network without training bookkeeping: the runtime predicts this way, and
 * promotion computes its reference outputs this way, so both run the very same code.
 */
public final class Inference {

    /** Texts per forward pass: each is padded to the longest of its pass, and activations grow with both. */
    private static final int TEXT_CHUNK = 32;

    private Inference() {}

    /**
     * The outputs for {@code rows} rows of {@code features} (row-major): rows × classes probabilities when
     * {@code probabilities}, else the raw outputs. Safe on many threads: each call has its own native scope.
     */
    public static float[] outputs(
            Model model, Architecture architecture, float[] features, int rows, boolean probabilities) {
        return forward(
                model, scope -> new NDList(scope.create(features, architecture.inputShape(rows))), probabilities);
    }

    /**
     * The outputs of a text model for texts {@code tokenizer} has tokenized ({@code tokens}, one per row) with
     * {@code columns} tabular features per row beside them (0: none), in passes of a few texts each.
     */
    public static float[] outputs(
            Model model,
            TextTokenizer tokenizer,
            List<TextTokenizer.Tokens> tokens,
            float[] features,
            int columns,
            boolean probabilities) {
        float[] outputs = null;
        int at = 0;
        for (int start = 0; start < tokens.size(); start += TEXT_CHUNK) {
            int end = Math.min(tokens.size(), start + TEXT_CHUNK);
            TokenBatch batch = TokenBatch.of(
                    tokens.subList(start, end).stream()
                            .map(TextTokenizer.Tokens::ids)
                            .toList(),
                    tokenizer.padId());
            float[] chunkFeatures = Arrays.copyOfRange(features, start * columns, end * columns);
            float[] chunk = forward(
                    model,
                    scope -> {
                        NDList inputs = batch.arrays(scope);
                        if (columns > 0) {
                            inputs.add(scope.create(chunkFeatures, new Shape(batch.rows(), columns)));
                        }
                        return inputs;
                    },
                    probabilities);
            if (outputs == null) {
                outputs = new float[chunk.length / batch.rows() * tokens.size()];
            }
            System.arraycopy(chunk, 0, outputs, at, chunk.length);
            at += chunk.length;
        }
        return outputs == null ? new float[0] : outputs;
    }

    private static float[] forward(Model model, Function<NDManager, NDList> inputs, boolean probabilities) {
        JniUtils.setGradMode(false); // per thread in PyTorch: inference records no graph
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray output = model.getBlock()
                    .forward(new ParameterStore(scope, false), inputs.apply(scope), false)
                    .singletonOrThrow();
            return (probabilities ? output.softmax(-1) : output).toFloatArray();
        }
    }
}
