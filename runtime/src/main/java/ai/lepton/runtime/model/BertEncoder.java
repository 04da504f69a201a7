package ai.lepton.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT-family encoder built from DJL blocks, computing what Hugging Face's {@code BertModel} computes (its
 * {@code last_hidden_state}): embeddings, then {@code layers} post-norm transformer layers. DJL's own
 * {@code ai.djl.nn.transformer} blocks compute something else (BatchNorm for LayerNorm, a different residual, the whole
 * position table, the wrong pooled token), so this is Lepton's.
 *
 * <p>Takes token ids, the attention mask (1 for tokens, 0 for padding) and token type ids, each [batch, tokens] of
 * int64; gives the hidden states [batch, tokens, hidden].
 */
public final class BertEncoder extends AbstractBlock {

    /** What padding adds to the attention scores: enough that softmax gives it no weight. */
    private static final float MASKED = -10_000f;

    private final BertEmbeddings embeddings;
    private final List<BertLayer> layers = new ArrayList<>();

    /** {@code dropout}: the rate after embeddings, attention weights and each sub-layer (Hugging Face uses 0.1). */
    public BertEncoder(BertConfig config, float dropout) {
        this(config, dropout, LoraSettings.NONE);
    }

    /** With {@code lora}, every layer's query and value projections carry low-rank adapters. */
    public BertEncoder(BertConfig config, float dropout, LoraSettings lora) {
        embeddings = addChildBlock("embeddings", new BertEmbeddings(config, dropout));
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("layer" + i, new BertLayer(config, dropout, lora)));
        }
    }

    /** The input layer: word, position and segment vectors (frozen by default when fine-tuning). */
    public Block embeddings() {
        return embeddings;
    }

    /** The transformer layers, first to last: the stages fine-tuning freezes or trains. */
    public List<Block> layers() {
        return List.copyOf(layers);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDArray types = inputs.size() > 2 ? inputs.get(2) : ids.zerosLike();
        NDArray additive = mask.toType(DataType.FLOAT32, false)
                .neg()
                .add(1)
                .mul(MASKED)
                .expandDims(1)
                .expandDims(1);
        NDArray hidden =
                embeddings.forward(store, new NDList(ids, types), training).head();
        for (BertLayer layer : layers) {
            // a layer's intermediate arrays (attention scores are batch × heads × tokens²) are freed as soon as it
            // ends,
            // not with the batch: the engine keeps what the backward pass needs on its own
            try (NDScope scope = new NDScope()) {
                NDArray next = layer.forward(store, new NDList(hidden, additive), training)
                        .head();
                NDScope.unregister(next);
                hidden = next;
            }
        }
        return new NDList(hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return embeddings.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        embeddings.initialize(manager, dataType, ids, ids);
        Shape hidden = embeddings.getOutputShapes(new Shape[] {ids})[0];
        Shape mask = new Shape(ids.get(0), 1, 1, ids.get(1));
        for (BertLayer layer : layers) {
            layer.initialize(manager, dataType, hidden, mask);
        }
    }

    /**
     * The weights by Hugging Face name with every adapter folded in: what a plain encoder of the same config loads to
     * compute the same function (no {@code lora_} names). The merged query and value arrays are new; the rest are this
     * encoder's own.
     */
    public Map<String, NDArray> mergedWeights() {
        Map<String, NDArray> merged = new LinkedHashMap<>();
        huggingFaceNames().forEach((name, parameter) -> {
            if (!name.contains(".lora_")) {
                merged.put(name, parameter.getArray());
            }
        });
        for (int i = 0; i < layers.size(); i++) {
            String prefix = "encoder.layer." + i + ".";
            layers.get(i).mergedAdapters().forEach((name, array) -> merged.put(prefix + name, array));
        }
        return merged;
    }

    /** Every parameter by its Hugging Face name ({@code embeddings.word_embeddings.weight}, {@code encoder.layer.0...}). */
    public Map<String, Parameter> huggingFaceNames() {
        Map<String, Parameter> names = new LinkedHashMap<>();
        embeddings.huggingFaceNames().forEach((name, parameter) -> names.put("embeddings." + name, parameter));
        for (int i = 0; i < layers.size(); i++) {
            String prefix = "encoder.layer." + i + ".";
            layers.get(i).huggingFaceNames().forEach((name, parameter) -> names.put(prefix + name, parameter));
        }
        return names;
    }
}
