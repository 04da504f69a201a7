package ai.lepton.train.pretrained;

import ai.lepton.base.Sha256;
import ai.lepton.runtime.json.UntrustedJson;
import ai.lepton.runtime.weights.SafeTensors;
import ai.lepton.runtime.weights.SafeTensorsFile;
import ai.lepton.runtime.weights.Tensor;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A Hugging Face model folder's weights, in safetensors: {@code model.safetensors}, or the shards that
 * {@code model.safetensors.index.json} maps each tensor to in its {@code weight_map} (as {@code save_pretrained} splits a
 * large model), each a file of the folder itself. Opening reads and checks every header, and that each tensor the index
 * names is in its shard, so the shapes are known before a tensor is read; each tensor is then read once, from its
 * shard.
 */
public final class WeightFiles {

    /** The weights in one file. */
    static final String SINGLE = "model.safetensors";
    /** Where sharded weights say which shard holds each tensor. */
    static final String INDEX = "model.safetensors.index.json";

    /** A shard is a file of the folder: a plain name, no path. */
    private static final Pattern SHARD = Pattern.compile("[^/\\\\]+\\.safetensors");

    private final Path folder;
    private final String description;
    private final Map<String, SafeTensorsFile> shards; // by file name, sorted
    private final Map<String, String> shardOf; // tensor name to shard, in the header's or index's order

    private WeightFiles(
            Path folder, String description, Map<String, SafeTensorsFile> shards, Map<String, String> shardOf) {
        this.folder = folder;
        this.description = description;
        this.shards = shards;
        this.shardOf = shardOf;
    }

    /** Whether {@code folder} has weights to open: one file or an index. */
    static boolean present(Path folder) {
        return Files.isRegularFile(folder.resolve(SINGLE)) || Files.isRegularFile(folder.resolve(INDEX));
    }

    /** Opens the weights of {@code folder}: {@link #SINGLE} when it has one, else the shards of {@link #INDEX}. */
    static WeightFiles open(Path folder) {
        if (Files.isRegularFile(folder.resolve(SINGLE))) {
            SafeTensorsFile file = read(folder.resolve(SINGLE));
            Map<String, String> shardOf = new LinkedHashMap<>();
            file.names().forEach(name -> shardOf.put(name, SINGLE));
            return new WeightFiles(folder, folder.resolve(SINGLE).toString(), Map.of(SINGLE, file), shardOf);
        }
        Path index = folder.resolve(INDEX);
        Map<String, String> shardOf = weightMap(index);
        Map<String, SafeTensorsFile> shards = new TreeMap<>();
        for (String shard : shardOf.values()) {
            if (!shards.containsKey(shard)) {
                shards.put(shard, read(folder.resolve(shard)));
            }
        }
        shardOf.forEach((tensor, shard) -> {
            if (!shards.get(shard).names().contains(tensor)) {
                throw new PretrainedException(index + " puts " + tensor + " in " + shard + ", which does not hold it."
                        + " Copy the folder again: its shards and its index are of different saves.");
            }
        });
        return new WeightFiles(folder, "the " + shards.size() + " shards of " + index, shards, shardOf);
    }

    /** The index's weight_map, each shard checked to be a file of the index's folder. */
    private static Map<String, String> weightMap(Path index) {
        String text = HuggingFaceFolder.smallText(index, HuggingFaceFolder.MAX_JSON);
        JsonElement json;
        try {
            json = UntrustedJson.parse(text);
        } catch (RuntimeException e) {
            throw new PretrainedException(index + " is not JSON (" + e.getMessage() + "). Copy the folder again.", e);
        }
        if (!json.isJsonObject()
                || !json.getAsJsonObject().has("weight_map")
                || !json.getAsJsonObject().get("weight_map").isJsonObject()) {
            throw new PretrainedException(index + " has no weight_map object (tensor name to shard file), as"
                    + " save_pretrained writes it. Copy the folder again.");
        }
        JsonObject map = json.getAsJsonObject().getAsJsonObject("weight_map");
        Map<String, String> shardOf = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : map.entrySet()) {
            JsonElement value = entry.getValue();
            String shard =
                    value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? value.getAsString() : null;
            if (shard == null || !SHARD.matcher(shard).matches()) {
                throw new PretrainedException(
                        index + " puts " + entry.getKey() + " in " + (shard == null ? value : shard)
                                + ", which is not a .safetensors file of the folder (a name without a path).");
            }
            if (!Files.isRegularFile(index.resolveSibling(shard))) {
                throw new PretrainedException(index + " puts " + entry.getKey() + " in " + shard + ", which is not in "
                        + index.getParent() + ". Copy every shard the index names.");
            }
            shardOf.put(entry.getKey(), shard);
        }
        if (shardOf.isEmpty()) {
            throw new PretrainedException(index + "'s weight_map names no tensor. Copy the folder again.");
        }
        return shardOf;
    }

    private static SafeTensorsFile read(Path file) {
        try {
            return SafeTensorsFile.open(file);
        } catch (SafeTensors.DamagedException e) {
            throw new PretrainedException(e.getMessage(), e);
        } catch (IOException e) {
            throw new PretrainedException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Each tensor's shape, by name, from the headers alone. */
    public Map<String, long[]> shapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shardOf.forEach((tensor, shard) -> shapes.put(tensor, shards.get(shard).shape(tensor)));
        return shapes;
    }

    /** Every tensor, by name, each read from its shard. */
    public Map<String, Tensor> tensors() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> entry : shardOf.entrySet()) {
                tensors.put(entry.getKey(), shards.get(entry.getValue()).tensor(entry.getKey()));
            }
        } catch (IOException e) {
            throw new PretrainedException("Cannot read " + description + ": " + e.getMessage(), e);
        }
        return tensors;
    }

    /** The SHA-256 of the weights' bytes: the file's own, or the shards' one after another in name order. */
    public String sha256() {
        try {
            return Sha256.of(shards.keySet().stream().map(folder::resolve).toArray(Path[]::new))
                    .hex();
        } catch (IOException e) {
            throw new PretrainedException("Cannot read " + description + ": " + e.getMessage(), e);
        }
    }

    /** What the weights are, for messages: the file, or the shards of the index. */
    @Override
    public String toString() {
        return description;
    }
}
