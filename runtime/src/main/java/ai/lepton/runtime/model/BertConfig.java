package ai.lepton.runtime.model;

import ai.lepton.runtime.json.UntrustedJson;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The shape of a BERT-family encoder, as a Hugging Face {@code config.json} gives it: what the encoder family needs to
 * build the network its pretrained weights fit. Each size is held to a range (the {@code config.json} field: from–to)
 * that every BERT-family encoder fits, so that a damaged or hostile file is refused before anything is built:
 * vocab_size 1–1,000,000; hidden_size 1–16,384; num_hidden_layers 1–256; num_attention_heads 1–256, dividing
 * hidden_size; intermediate_size 1–65,536; max_position_embeddings 1–65,536; type_vocab_size 1–1,024; layer_norm_eps
 * above 0 and below 1. Within them a config is still held to its weights' shapes before they are loaded.
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
        inRange("vocab_size", vocabSize, 1_000_000);
        inRange("hidden_size", hiddenSize, 16_384);
        inRange("num_hidden_layers", layers, 256);
        inRange("num_attention_heads", heads, 256);
        inRange("intermediate_size", intermediateSize, 65_536);
        inRange("max_position_embeddings", maxPositions, 65_536);
        inRange("type_vocab_size", typeVocabSize, 1_024);
        if (!(layerNormEps > 0 && layerNormEps < 1)) {
            throw new IllegalArgumentException(
                    "layer_norm_eps " + layerNormEps + " is not above 0 and below 1; BERT models use 1e-12.");
        }
        if (hiddenSize % heads != 0) {
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
            config = UntrustedJson.parse(json).getAsJsonObject();
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
                config.has("layer_norm_eps") ? number(config, "layer_norm_eps").doubleValue() : 1e-12,
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

    private static void inRange(String field, int value, int most) {
        if (value < 1 || value > most) {
            throw new IllegalArgumentException(field + " " + value + " is outside 1 to " + most
                    + ", the sizes of the BERT-family encoders Lepton builds; is this the config.json of one?");
        }
    }

    private static String text(JsonObject config, String key) {
        return primitive(config, key).getAsString();
    }

    private static JsonPrimitive primitive(JsonObject config, String key) {
        if (!config.has(key) || config.get(key).isJsonNull()) {
            throw new IllegalArgumentException("config.json has no " + key + ".");
        }
        if (!config.get(key).isJsonPrimitive()) {
            throw new IllegalArgumentException(
                    "config.json's " + key + " is " + config.get(key) + ", not a number or a text.");
        }
        return config.getAsJsonPrimitive(key);
    }

    private static BigDecimal number(JsonObject config, String key) {
        String text = text(config, key);
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config.json's " + key + " is '" + text + "', not a number.", e);
        }
    }

    private static int whole(JsonObject config, String key) {
        try {
            return number(config, key).intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "config.json's " + key + " is " + text(config, key) + ", not a whole number of at most 10 digits.",
                    e);
        }
    }
}
