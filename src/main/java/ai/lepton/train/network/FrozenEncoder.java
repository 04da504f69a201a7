package ai.lepton.train.network;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.data.batch.TextBatches;
import ai.lepton.runtime.model.TextBackbone;
import ai.lepton.runtime.text.TextTokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * A frozen text encoder reads each text once. When no encoder weight trains in a run (a linear probe), the encoder
 * gives every epoch the same pooled vectors (it runs in inference mode, as sentence embeddings are computed), so they are
 * computed once and the head trains on them: epochs then cost what a linear model's do, and the head takes as many passes
 * over them as it needs to converge ({@link ProbeEpochs}). Before an encoder fine-tunes, its new head is fitted the same
 * way first ({@link Network#headProbe}).
 */
final class FrozenEncoder {

    /** Rows encoded per forward pass. */
    private static final int BATCH = 64;

    private FrozenEncoder() {}

    /**
     * {@code matrix}'s rows (at least one) as their pooled text vectors with their tabular features beside them, labels
     * as they were.
     */
    static FeatureMatrix encode(
            TextBackbone backbone, FeatureMatrix matrix, Task task, TextTokenizer tokenizer, NDManager manager) {
        JniUtils.setGradMode(false); // nothing to learn here: no autograd graph
        float[] encoded = null;
        int width = 0;
        int offset = 0;
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(scope, false);
            TextBatches batches =
                    TextBatches.builder(matrix, task).optBatchSize(BATCH).build(tokenizer);
            for (Batch batch : batches.epochData(scope, 0)) {
                try (batch) {
                    float[] vectors =
                            backbone.pooled(store, batch.getData(), false).toFloatArray();
                    if (encoded == null) {
                        width = vectors.length / batch.getSize();
                        encoded = new float[matrix.rows() * width];
                    }
                    System.arraycopy(vectors, 0, encoded, offset, vectors.length);
                    offset += vectors.length;
                }
            }
        }
        List<String> names = new ArrayList<>();
        int textWidth = width - matrix.columns();
        for (int i = 0; i < textWidth; i++) {
            names.add("text_" + i);
        }
        names.addAll(matrix.names());
        return new FeatureMatrix(encoded, matrix.labels(), matrix.rows(), names);
    }
}
