package ai.lepton.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BERT's input layer: each token's word vector, plus its position's and its segment's, normalized over the hidden axis.
 * Takes token ids and token type ids, each [batch, tokens]; gives [batch, tokens, hidden].
 */
final class BertEmbeddings extends AbstractBlock {

    private final Parameter words;
    private final Parameter positions;
    private final Parameter types;
    private final LayerNorm norm;
    private final Dropout dropout;

    BertEmbeddings(BertConfig config, float dropoutRate) {
        words = addParameter(table("word_embeddings", config.vocabSize(), config.hiddenSize()));
        positions = addParameter(table("position_embeddings", config.maxPositions(), config.hiddenSize()));
        types = addParameter(table("token_type_embeddings", config.typeVocabSize(), config.hiddenSize()));
        norm = addChildBlock("LayerNorm", BertLayer.layerNorm(config));
        dropout =
                addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
    }

    private static Parameter table(String name, int rows, int width) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, width))
                .build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray segments = inputs.get(1);
        long tokens = ids.getShape().get(1);
        NDArray word = Embedding.embedding(ids, store.getValue(words, ids.getDevice(), training), SparseFormat.DENSE)
                .head();
        NDArray segment = Embedding.embedding(
                        segments, store.getValue(types, ids.getDevice(), training), SparseFormat.DENSE)
                .head();
        // the position table sliced to this batch's length, broadcast over the batch; the slice belongs to the batch,
        // not to the table's manager, where each step's slice would pile up until the model closes
        NDArray position = store.getValue(positions, ids.getDevice(), training).get(new NDIndex("0:{}", tokens));
        position.attach(ids.getManager());
        NDArray summed = word.add(segment).add(position);
        NDArray normed = norm.forward(store, new NDList(summed), training).head();
        return dropout.forward(store, new NDList(normed), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(words.getShape().get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0].add(words.getShape().get(1));
        norm.initialize(manager, dataType, hidden);
        dropout.initialize(manager, dataType, hidden);
    }

    /** The parameters by the names Hugging Face gives them below {@code embeddings.}. */
    Map<String, Parameter> huggingFaceNames() {
        Map<String, Parameter> names = new LinkedHashMap<>();
        names.put("word_embeddings.weight", words);
        names.put("position_embeddings.weight", positions);
        names.put("token_type_embeddings.weight", types);
        names.put("LayerNorm.weight", norm.getParameters().get("gamma"));
        names.put("LayerNorm.bias", norm.getParameters().get("beta"));
        return names;
    }
}
