package ai.lepton.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * A linear layer with a low-rank adapter (LoRA): {@code base(x) + (alpha / rank) · B(A(dropout(x)))}. The base weights
 * stay as pretrained while A ({@code rank × in}) and B ({@code out × rank}, zero at first, so training starts from the
 * pretrained function) learn; {@link #mergedWeight} folds the adapter into one weight with the same outputs.
 */
final class LoraLinear extends AbstractBlock {

    private final Linear base;
    private final Parameter down;
    private final Parameter up;
    private final Dropout dropout;
    private final int units;
    private final int rank;
    private final float scale;

    LoraLinear(int units, LoraSettings lora) {
        this.units = units;
        this.rank = lora.rank();
        this.scale = (float) (lora.alpha() / lora.rank());
        base = addChildBlock("base", Linear.builder().setUnits(units).build());
        dropout = addChildBlock(
                "lora_dropout",
                Dropout.builder().optRate((float) lora.dropout()).build());
        down = addParameter(Parameter.builder()
                .setName("lora_A")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(new XavierInitializer())
                .build());
        up = addParameter(Parameter.builder()
                .setName("lora_B")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(new ConstantInitializer(0))
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.head();
        NDArray pretrained = base.forward(store, inputs, training).head();
        NDArray dropped = dropout.forward(store, inputs, training).head();
        NDArray a = store.getValue(down, input.getDevice(), training);
        NDArray b = store.getValue(up, input.getDevice(), training);
        NDArray adapted = Linear.linear(Linear.linear(dropped, a).head(), b).head();
        return new NDList(pretrained.add(Factors.times(adapted, scale)));
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        long in = inputShapes[0].get(inputShapes[0].dimension() - 1);
        down.setShape(new Shape(rank, in));
        up.setShape(new Shape(units, rank));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        base.initialize(manager, dataType, inputShapes);
        dropout.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return base.getOutputShapes(inputShapes);
    }

    Linear base() {
        return base;
    }

    Parameter down() {
        return down;
    }

    Parameter up() {
        return up;
    }

    /** The base weight with the adapter folded in, {@code W + (alpha / rank) · B·A}: a plain linear layer's weight. */
    NDArray mergedWeight() {
        NDArray weight = base.getParameters().get("weight").getArray();
        return weight.add(up.getArray().matMul(down.getArray()).mul(scale));
    }
}
