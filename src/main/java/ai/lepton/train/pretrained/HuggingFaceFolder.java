package ai.lepton.train.pretrained;

import ai.lepton.runtime.json.UntrustedJson;
import ai.lepton.runtime.model.BertConfig;
import ai.lepton.runtime.weights.Tensor;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model in Hugging Face's folder layout: {@code config.json}, {@code model.safetensors} (or its shards, see
 * {@link WeightFiles}) and {@code tokenizer.json}, and for a sentence-transformers model {@code 1_Pooling/config.json},
 * which says how token vectors become one. Opening reads config.json and the weights' headers and holds the one to the
 * other ({@link BertShapes}), so a folder that would build more than its weights fill is refused before anything is
 * built.
 *
 * @param folder      the folder
 * @param config      the encoder's shape, from config.json
 * @param weightFiles the weights, their headers read and checked
 */
public record HuggingFaceFolder(Path folder, BertConfig config, WeightFiles weightFiles) {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = WeightFiles.SINGLE;
    public static final String TOKENIZER = "tokenizer.json";
    static final String POOLING = "1_Pooling/config.json";

    /** The largest JSON file of settings read (config.json, the pooling config, a shard index): real ones are KBs. */
    static final long MAX_JSON = 16L << 20;

    /** Whether {@code folder} looks like one (has a config.json); {@link #open} says what else is missing. */
    public static boolean looksLikeOne(Path folder) {
        return Files.isRegularFile(folder.resolve(CONFIG));
    }

    /** Opens {@code folder}, refusing, with the names, a folder that misses a file or has a config Lepton cannot build. */
    public static HuggingFaceFolder open(Path folder) {
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(folder.resolve(CONFIG))) {
            missing.add(CONFIG);
        }
        if (!WeightFiles.present(folder)) {
            missing.add(WEIGHTS);
        }
        if (!Files.isRegularFile(folder.resolve(TOKENIZER))) {
            missing.add(TOKENIZER);
        }
        if (!missing.isEmpty()) {
            throw new PretrainedException("The model folder " + folder + " has no " + String.join(", no ", missing)
                    + ". A Hugging Face model folder holds config.json, model.safetensors (or its shards and "
                    + WeightFiles.INDEX + ") and tokenizer.json (a model saved with PyTorch's .bin weights needs"
                    + " converting: save_pretrained(..., safe_serialization=True)).");
        }
        Path configFile = folder.resolve(CONFIG);
        BertConfig config;
        try {
            config = BertConfig.fromHuggingFace(smallText(configFile, MAX_JSON));
        } catch (IllegalArgumentException e) {
            throw new PretrainedException(configFile + ": " + e.getMessage(), e);
        }
        WeightFiles weights = WeightFiles.open(folder);
        BertShapes.requireFit(config, configFile.toString(), weights.shapes(), weights);
        return new HuggingFaceFolder(folder, config, weights);
    }

    /** The text of {@code file}, refused when it is larger than {@code limit} bytes. */
    static String smallText(Path file, long limit) {
        try {
            long size = Files.size(file);
            if (size > limit) {
                throw new PretrainedException(file + " has " + size + " bytes; a settings file of this kind has far"
                        + " fewer (Lepton reads up to " + limit + "). Copy the model's folder again.");
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new PretrainedException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The weights, by their Hugging Face names. */
    public Map<String, Tensor> weights() {
        return weightFiles.tensors();
    }

    /** The SHA-256 of the weights' bytes: which pretrained weights a run started from, for its record. */
    public String weightsSha256() {
        return weightFiles.sha256();
    }

    public Path tokenizer() {
        return folder.resolve(TOKENIZER);
    }

    /** How a sentence-transformers model pools its token vectors: {@code mean} or {@code cls}; null when it does not say. */
    public String pooling() {
        Path file = folder.resolve(POOLING);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String text = smallText(file, MAX_JSON);
        try {
            JsonObject pooling = UntrustedJson.parse(text).getAsJsonObject();
            if (pooling.has("pooling_mode_mean_tokens")
                    && pooling.get("pooling_mode_mean_tokens").getAsBoolean()) {
                return "mean";
            }
            return pooling.has("pooling_mode_cls_token")
                            && pooling.get("pooling_mode_cls_token").getAsBoolean()
                    ? "cls"
                    : null;
        } catch (RuntimeException e) {
            throw new PretrainedException(file + " is not a readable pooling config: " + e.getMessage(), e);
        }
    }
}
