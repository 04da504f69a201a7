package ai.lepton.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One transformer layer of BERT, post-norm as the original: multi-head self-attention with a residual and LayerNorm,
 * then a GELU feed-forward layer with a residual and LayerNorm. Takes the hidden states [batch, tokens, hidden] and
 * the additive attention mask [batch, 1, 1, tokens] (0 for tokens, a large negative number for padding).
 */
final class BertLayer extends AbstractBlock {

    private final int heads;
    private final int headSize;
    private final int intermediateSize;
    private final Block query;
    private final Linear key;
    private final Block value;
    private final Linear attentionOutput;
    private final LayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final LayerNorm outputNorm;
    private final Dropout attentionDropout;
    private final Dropout hiddenDropout;

    /** {@code lora}: adapters on the query and value projections, or {@link LoraSettings#NONE}. */
    BertLayer(BertConfig config, float dropoutRate, LoraSettings lora) {
        heads = config.heads();
        headSize = config.headSize();
        intermediateSize = config.intermediateSize();
        query = addChildBlock("query", projection(config.hiddenSize(), lora));
        key = addChildBlock("key", linear(config.hiddenSize()));
        value = addChildBlock("value", projection(config.hiddenSize(), lora));
        attentionOutput = addChildBlock("attention_output", linear(config.hiddenSize()));
        attentionNorm = addChildBlock("attention_norm", layerNorm(config));
        intermediate = addChildBlock("intermediate", linear(config.intermediateSize()));
        output = addChildBlock("output", linear(config.hiddenSize()));
        outputNorm = addChildBlock("output_norm", layerNorm(config));
        attentionDropout = addChildBlock(
                "attention_dropout", Dropout.builder().optRate(dropoutRate).build());
        hiddenDropout = addChildBlock(
                "hidden_dropout", Dropout.builder().optRate(dropoutRate).build());
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    private static Block projection(int units, LoraSettings lora) {
        return lora.enabled() ? new LoraLinear(units, lora) : linear(units);
    }

    /** LayerNorm over the hidden axis only, with the model's epsilon (DJL's default normalizes every non-batch axis). */
    static LayerNorm layerNorm(BertConfig config) {
        return LayerNorm.builder()
                .axis(2) // of [batch, tokens, hidden]: DJL takes axes as written, not from the end
                .optEpsilon((float) config.layerNormEps())
                .build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDArray attended = attention(store, hidden, mask, training);
        NDArray afterAttention = apply(
                attentionNorm,
                store,
                hidden.add(apply(hiddenDropout, store, apply(attentionOutput, store, attended, training), training)),
                training);
        NDArray expanded = Activation.gelu(apply(intermediate, store, afterAttention, training)); // exact GELU (erf)
        NDArray feedForward = apply(hiddenDropout, store, apply(output, store, expanded, training), training);
        return new NDList(apply(outputNorm, store, afterAttention.add(feedForward), training));
    }

    /** Scaled dot-product attention over {@code heads} heads: [batch, tokens, hidden] in and out. */
    private NDArray attention(ParameterStore store, NDArray hidden, NDArray mask, boolean training) {
        Shape shape = hidden.getShape();
        long batch = shape.get(0);
        long tokens = shape.get(1);
        NDArray q = split(apply(query, store, hidden, training), batch, tokens);
        NDArray k = split(apply(key, store, hidden, training), batch, tokens);
        NDArray v = split(apply(value, store, hidden, training), batch, tokens);
        NDArray scores = Factors.dividedBy(q.matMul(k.transpose(0, 1, 3, 2)), Math.sqrt(headSize))
                .add(mask);
        NDArray weights = apply(attentionDropout, store, scores.softmax(-1), training);
        return weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, (long) heads * headSize);
    }

    /** [batch, tokens, hidden] as [batch, heads, tokens, head size]. */
    private NDArray split(NDArray projected, long batch, long tokens) {
        return projected.reshape(batch, tokens, heads, headSize).transpose(0, 2, 1, 3);
    }

    private static NDArray apply(Block block, ParameterStore store, NDArray input, boolean training) {
        return block.forward(store, new NDList(input), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0];
        for (Block block : new Block[] {
            query, key, value, attentionOutput, attentionNorm, intermediate, outputNorm, attentionDropout, hiddenDropout
        }) {
            block.initialize(manager, dataType, hidden);
        }
        output.initialize(manager, dataType, new Shape(hidden.get(0), hidden.get(1), intermediateSize));
    }

    /** The parameters by the names Hugging Face gives them below {@code encoder.layer.N.}. */
    Map<String, Parameter> huggingFaceNames() {
        Map<String, Parameter> names = new LinkedHashMap<>();
        projection(names, "attention.self.query", query);
        linear(names, "attention.self.key", key);
        projection(names, "attention.self.value", value);
        linear(names, "attention.output.dense", attentionOutput);
        norm(names, "attention.output.LayerNorm", attentionNorm);
        linear(names, "intermediate.dense", intermediate);
        linear(names, "output.dense", output);
        norm(names, "output.LayerNorm", outputNorm);
        return names;
    }

    /** A projection's weights; with an adapter also its {@code lora_A} and {@code lora_B}, named as PEFT names them. */
    private static void projection(Map<String, Parameter> names, String prefix, Block block) {
        if (block instanceof LoraLinear adapted) {
            linear(names, prefix, adapted.base());
            names.put(prefix + ".lora_A.weight", adapted.down());
            names.put(prefix + ".lora_B.weight", adapted.up());
        } else {
            linear(names, prefix, (Linear) block);
        }
    }

    /** The query and value weights with their adapters folded in, by Hugging Face name; empty without adapters. */
    Map<String, NDArray> mergedAdapters() {
        Map<String, NDArray> merged = new LinkedHashMap<>();
        if (query instanceof LoraLinear adaptedQuery && value instanceof LoraLinear adaptedValue) {
            merged.put("attention.self.query.weight", adaptedQuery.mergedWeight());
            merged.put("attention.self.value.weight", adaptedValue.mergedWeight());
        }
        return merged;
    }

    private static void linear(Map<String, Parameter> names, String prefix, Linear layer) {
        names.put(prefix + ".weight", layer.getParameters().get("weight"));
        names.put(prefix + ".bias", layer.getParameters().get("bias"));
    }

    private static void norm(Map<String, Parameter> names, String prefix, LayerNorm layer) {
        names.put(prefix + ".weight", layer.getParameters().get("gamma"));
        names.put(prefix + ".bias", layer.getParameters().get("beta"));
    }
}
