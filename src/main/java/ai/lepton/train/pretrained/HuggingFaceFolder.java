package ai.lepton.train.pretrained;

import ai.lepton.runtime.artifact.Checksums;
import ai.lepton.runtime.model.BertConfig;
import ai.lepton.runtime.weights.SafeTensors;
import ai.lepton.runtime.weights.Tensor;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A model in Hugging Face's folder layout: {@code config.json}, {@code model.safetensors} and {@code tokenizer.json},
 * and for a sentence-transformers model {@code 1_Pooling/config.json}, which says how token vectors become one.
 *
 * @param folder the folder
 * @param config the encoder's shape, from config.json
 */
public record HuggingFaceFolder(Path folder, BertConfig config) {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String TOKENIZER = "tokenizer.json";
    static final String POOLING = "1_Pooling/config.json";

    /** Whether {@code folder} looks like one (has a config.json); {@link #open} says what else is missing. */
    public static boolean looksLikeOne(Path folder) {
        return Files.isRegularFile(folder.resolve(CONFIG));
    }

    /** Opens {@code folder}, refusing, with the names, a folder that misses a file or has a config Lepton cannot build. */
    public static HuggingFaceFolder open(Path folder) {
        List<String> missing = List.of(CONFIG, WEIGHTS, TOKENIZER).stream()
                .filter(file -> !Files.isRegularFile(folder.resolve(file)))
                .toList();
        if (!missing.isEmpty()) {
            throw new PretrainedException("The model folder " + folder + " has no " + String.join(", no ", missing)
                    + ". A Hugging Face model folder holds config.json, model.safetensors and tokenizer.json (a model saved"
                    + " with PyTorch's .bin weights needs converting: save_pretrained(..., safe_serialization=True)).");
        }
        try {
            return new HuggingFaceFolder(folder, BertConfig.fromHuggingFace(Files.readString(folder.resolve(CONFIG))));
        } catch (IllegalArgumentException e) {
            throw new PretrainedException(folder.resolve(CONFIG) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new PretrainedException("Cannot read " + folder.resolve(CONFIG) + ": " + e.getMessage(), e);
        }
    }

    /** The weights, by their Hugging Face names. */
    public Map<String, Tensor> weights() {
        try {
            return SafeTensors.read(folder.resolve(WEIGHTS));
        } catch (IOException e) {
            throw new PretrainedException("Cannot read " + folder.resolve(WEIGHTS) + ": " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of model.safetensors: which pretrained weights a run started from, for its record. */
    public String weightsSha256() {
        try {
            return Checksums.sha256(Files.readAllBytes(folder.resolve(WEIGHTS)));
        } catch (IOException e) {
            throw new PretrainedException("Cannot read " + folder.resolve(WEIGHTS) + ": " + e.getMessage(), e);
        }
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
        try {
            JsonObject pooling = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            if (pooling.has("pooling_mode_mean_tokens")
                    && pooling.get("pooling_mode_mean_tokens").getAsBoolean()) {
                return "mean";
            }
            return pooling.has("pooling_mode_cls_token")
                            && pooling.get("pooling_mode_cls_token").getAsBoolean()
                    ? "cls"
                    : null;
        } catch (IOException | RuntimeException e) {
            throw new PretrainedException(file + " is not a readable pooling config: " + e.getMessage(), e);
        }
    }
}
