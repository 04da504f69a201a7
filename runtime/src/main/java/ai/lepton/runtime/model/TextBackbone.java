package ai.lepton.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A text model's backbone: the encoder reads each text's word pieces, its token vectors are pooled into one vector per
 * text (mean over the real tokens, or the first token's), and the row's tabular features, if any, are put beside it.
 * Takes token ids, attention mask and token types ([batch, tokens], int64) and, when the rows have tabular features,
 * those ([batch, features]); gives [batch, hidden + features].
 */
public final class TextBackbone extends AbstractBlock {

    private final BertEncoder encoder;
    private final Dropout dropout;
    private final boolean meanPooling;
    private final int features;

    /** {@code features}: the tabular features beside the text (0: text only); {@code dropout}: after pooling. */
    public TextBackbone(EncoderSettings settings, int features, double dropout) {
        this.encoder = addChildBlock(
                "encoder", new BertEncoder(settings.config(), (float) settings.dropout(), settings.lora()));
        this.dropout = addChildBlock(
                "dropout", Dropout.builder().optRate((float) dropout).build());
        this.meanPooling = settings.pooling().equals("mean");
        this.features = features;
    }

    public BertEncoder encoder() {
        return encoder;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return dropout.forward(store, new NDList(pooled(store, inputs, training)), training);
    }

    /**
     * Each row's pooled text vector with its tabular features beside it, before the dropout that follows: what a frozen
     * encoder gives every epoch alike (in inference mode), so it can be computed once.
     */
    public NDArray pooled(ParameterStore store, NDList inputs, boolean training) {
        NDArray mask = inputs.get(1);
        NDArray hidden = encoder.forward(store, new NDList(inputs.get(0), mask, inputs.get(2)), training)
                .head();
        NDArray pooled;
        if (meanPooling) {
            NDArray weights = mask.toType(DataType.FLOAT32, false).expandDims(2);
            pooled = hidden.mul(weights)
                    .sum(new int[] {1})
                    .div(weights.sum(new int[] {1}).maximum(1e-9f));
        } else {
            pooled = hidden.get(new NDIndex(":, 0, :"));
        }
        return features > 0 ? NDArrays.concat(new NDList(pooled, inputs.get(3)), 1) : pooled;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape hidden = encoder.getOutputShapes(inputShapes)[0];
        return new Shape[] {new Shape(hidden.get(0), hidden.get(2) + features)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes[0], inputShapes[1], inputShapes[2]);
        dropout.initialize(manager, dataType, getOutputShapes(inputShapes));
    }
}
