package ai.lepton.runtime.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.util.List;
import java.util.Locale;

/**
 * The shape of a BERT-family encoder, as a Hugging Face {@code config.json} gives it: what the encoder family needs to
 * build the network its pretrained weights fit.
 *
 * @param modelType        {@code bert} (the one type Lepton builds so far)
 * @param vocabSize        word pieces in the vocabulary
 * @param hiddenSize       the width of every token's vector
 * @param layers           transformer layers
 * @param heads            attention heads per layer (hiddenSize is a multiple of it)
 * @param intermediateSize the feed-forward layer's width
 * @param maxPositions     the longest sequence the position table covers
 * @param typeVocabSize    token types (segments)
 * @param layerNormEps     LayerNorm's epsilon
 * @param hiddenAct        the feed-forward activation: {@code gelu} (exact, with erf)
 */
public record BertConfig(
        String modelType,
        int vocabSize,
        int hiddenSize,
        int layers,
        int heads,
        int intermediateSize,
        int maxPositions,
        int typeVocabSize,
        double layerNormEps,
        String hiddenAct) {

    /** The model types this Lepton builds. */
    public static final List<String> SUPPORTED = List.of("bert");

    private static final Gson GSON = new Gson();
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().create();

    public BertConfig {
        if (!SUPPORTED.contains(modelType)) {
            throw new IllegalArgumentException(unsupported(modelType));
        }
        if (heads < 1 || hiddenSize % heads != 0) {
            throw new IllegalArgumentException(
                    "hidden_size " + hiddenSize + " is not a multiple of num_attention_heads " + heads + ".");
        }
        if (!hiddenAct.equals("gelu")) {
            throw new IllegalArgumentException(
                    "hidden_act '" + hiddenAct + "' is not supported; Lepton's encoder uses gelu.");
        }
    }

    /** Reads a Hugging Face {@code config.json}; what is missing or of another model type is refused, naming it. */
    public static BertConfig fromHuggingFace(String json) {
        JsonObject config;
        try {
            config = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("config.json is not a JSON object: " + e.getMessage(), e);
        }
        String type = text(config, "model_type").toLowerCase(Locale.ROOT);
        if (!SUPPORTED.contains(type)) { // before its other keys: another model type has other ones
            throw new IllegalArgumentException(unsupported(type));
        }
        return new BertConfig(
                type,
                whole(config, "vocab_size"),
                whole(config, "hidden_size"),
                whole(config, "num_hidden_layers"),
                whole(config, "num_attention_heads"),
                whole(config, "intermediate_size"),
                whole(config, "max_position_embeddings"),
                config.has("type_vocab_size") ? whole(config, "type_vocab_size") : 2,
                config.has("layer_norm_eps") ? config.get("layer_norm_eps").getAsDouble() : 1e-12,
                config.has("hidden_act") ? text(config, "hidden_act") : "gelu");
    }

    /** The {@code config.json} Hugging Face writes for such a model. */
    public String toHuggingFace() {
        JsonObject config = new JsonObject();
        config.add("architectures", GSON.toJsonTree(List.of("BertModel")));
        config.addProperty("model_type", modelType);
        config.addProperty("vocab_size", vocabSize);
        config.addProperty("hidden_size", hiddenSize);
        config.addProperty("num_hidden_layers", layers);
        config.addProperty("num_attention_heads", heads);
        config.addProperty("intermediate_size", intermediateSize);
        config.addProperty("max_position_embeddings", maxPositions);
        config.addProperty("type_vocab_size", typeVocabSize);
        config.addProperty("layer_norm_eps", layerNormEps);
        config.addProperty("hidden_act", hiddenAct);
        config.addProperty("pad_token_id", 0);
        return PRETTY.toJson(config);
    }

    private static String unsupported(String type) {
        return "model_type '" + type + "' is not one Lepton builds; it builds " + String.join(", ", SUPPORTED)
                + " (BERT-family encoders such as all-MiniLM-L6-v2 or bert-base-uncased).";
    }

    /** The width of one attention head. */
    public int headSize() {
        return hiddenSize / heads;
    }

    private static String text(JsonObject config, String key) {
        if (!config.has(key) || config.get(key).isJsonNull()) {
            throw new IllegalArgumentException("config.json has no " + key + ".");
        }
        return config.get(key).getAsString();
    }

    private static int whole(JsonObject config, String key) {
        return Integer.parseInt(text(config, key));
    }
}
