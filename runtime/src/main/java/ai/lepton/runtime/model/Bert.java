package ai.lepton.runtime.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.util.List;

/**
 * BERT-family text models: a pretrained encoder ({@link TextBackbone}) reading a text column, with the row's tabular
 * features beside its pooled vector, and a linear head. Its stages are the encoder's transformer layers.
 */
final class Bert implements ModelFamily {

    /** The token length the network is initialized with: any works, as no parameter's shape depends on it. */
    private static final int INITIAL_TOKENS = 8;

    @Override
    public String name() {
        return "bert";
    }

    @Override
    public String refusal(long[] rowShape, boolean text) {
        return text ? null : "reads text, and these rows have none (prepare a text column with --text COL)";
    }

    @Override
    public Block backbone(Architecture architecture) {
        if (architecture.encoder() == null) {
            throw new IllegalArgumentException("architecture.json of a bert model has no encoder settings.");
        }
        return new TextBackbone(architecture.encoder(), (int) architecture.input()[0], architecture.dropout());
    }

    @Override
    public List<Block> stages(Block backbone) {
        return ((TextBackbone) backbone).encoder().layers();
    }

    @Override
    public Shape[] inputShapes(Architecture architecture, int batch) {
        Shape tokens = new Shape(batch, INITIAL_TOKENS);
        long features = architecture.input()[0];
        return features > 0
                ? new Shape[] {tokens, tokens, tokens, new Shape(batch, features)}
                : new Shape[] {tokens, tokens, tokens};
    }
}
