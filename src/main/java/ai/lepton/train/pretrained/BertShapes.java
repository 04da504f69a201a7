package ai.lepton.train.pretrained;

import ai.lepton.runtime.model.BertConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tensors of a Hugging Face BERT checkpoint (names and shapes, the pooler and task heads left out), as a
 * {@link BertConfig} implies them; {@link #requireFit} holds a config to the shapes its weights' headers give before
 * anything is built, so the encoder built is no larger than the weights that fill it.
 */
final class BertShapes {

    private static final Pattern LAYER = Pattern.compile("encoder\\.layer\\.(\\d{1,6})\\..*");

    private BertShapes() {}

    /** A stored tensor's name without the {@code bert.} a task model's names start with. */
    static String encoderName(String stored) {
        return stored.startsWith("bert.") ? stored.substring("bert.".length()) : stored;
    }

    /** Every tensor an encoder of {@code config} loads, by its Hugging Face name. */
    static Map<String, long[]> of(BertConfig config) {
        long hidden = config.hiddenSize();
        long inner = config.intermediateSize();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("embeddings.word_embeddings.weight", new long[] {config.vocabSize(), hidden});
        shapes.put("embeddings.position_embeddings.weight", new long[] {config.maxPositions(), hidden});
        shapes.put("embeddings.token_type_embeddings.weight", new long[] {config.typeVocabSize(), hidden});
        norm(shapes, "embeddings.LayerNorm", hidden);
        for (int i = 0; i < config.layers(); i++) {
            String layer = "encoder.layer." + i + ".";
            for (String projection : List.of("query", "key", "value")) {
                linear(shapes, layer + "attention.self." + projection, hidden, hidden);
            }
            linear(shapes, layer + "attention.output.dense", hidden, hidden);
            norm(shapes, layer + "attention.output.LayerNorm", hidden);
            linear(shapes, layer + "intermediate.dense", inner, hidden);
            linear(shapes, layer + "output.dense", hidden, inner);
            norm(shapes, layer + "output.LayerNorm", hidden);
        }
        return shapes;
    }

    private static void linear(Map<String, long[]> shapes, String name, long out, long in) {
        shapes.put(name + ".weight", new long[] {out, in});
        shapes.put(name + ".bias", new long[] {out});
    }

    private static void norm(Map<String, long[]> shapes, String name, long width) {
        shapes.put(name + ".weight", new long[] {width});
        shapes.put(name + ".bias", new long[] {width});
    }

    /**
     * Refuses {@code config} (read from {@code configFile}) unless {@code weights}' tensors have the shapes it implies:
     * first naming each config.json field that the weights contradict, else each tensor missing or mis-shaped.
     */
    static void requireFit(BertConfig config, String configFile, Map<String, long[]> stored, WeightFiles weights) {
        Map<String, long[]> named = new LinkedHashMap<>();
        stored.forEach((name, shape) -> named.put(encoderName(name), shape));
        List<String> fields = fieldProblems(config, named);
        if (!fields.isEmpty()) {
            throw new PretrainedException(configFile + " does not fit its weights, " + weights + ": "
                    + String.join("; ", fields) + ". Use the config.json saved with these weights.");
        }
        List<String> tensors = problems(of(config), named);
        if (!tensors.isEmpty()) {
            throw new PretrainedException(misfit(weights.toString(), tensors));
        }
    }

    /** The sizes config.json gives that the weights' own shapes contradict. */
    private static List<String> fieldProblems(BertConfig config, Map<String, long[]> named) {
        List<String> problems = new ArrayList<>();
        rows(problems, named, "embeddings.word_embeddings.weight", "vocab_size", config.vocabSize());
        rows(
                problems,
                named,
                "embeddings.position_embeddings.weight",
                "max_position_embeddings",
                config.maxPositions());
        rows(problems, named, "embeddings.token_type_embeddings.weight", "type_vocab_size", config.typeVocabSize());
        rows(
                problems,
                named,
                "encoder.layer.0.intermediate.dense.weight",
                "intermediate_size",
                config.intermediateSize());
        long[] words = named.get("embeddings.word_embeddings.weight");
        if (words != null && words.length == 2 && words[1] != config.hiddenSize()) {
            problems.add("hidden_size is " + config.hiddenSize() + " but embeddings.word_embeddings.weight is "
                    + words[1] + " wide");
        }
        int layers = 0;
        for (String name : named.keySet()) {
            Matcher layer = LAYER.matcher(name);
            if (layer.matches()) {
                layers = Math.max(layers, Integer.parseInt(layer.group(1)) + 1);
            }
        }
        if (layers != config.layers()) {
            problems.add("num_hidden_layers is " + config.layers() + " but the weights have "
                    + (layers == 0
                            ? "no encoder.layer"
                            : layers + " (encoder.layer.0 to encoder.layer." + (layers - 1) + ")"));
        }
        return problems;
    }

    private static void rows(List<String> problems, Map<String, long[]> named, String tensor, String field, long size) {
        long[] shape = named.get(tensor);
        if (shape != null && shape.length == 2 && shape[0] != size) {
            problems.add(field + " is " + size + " but " + tensor + " has " + shape[0] + " rows");
        }
    }

    /** Each tensor of {@code wanted} that {@code stored} lacks or holds in another shape (at most 8, then a count). */
    static List<String> problems(Map<String, long[]> wanted, Map<String, long[]> stored) {
        List<String> problems = new ArrayList<>();
        wanted.forEach((name, shape) -> {
            long[] found = stored.get(name);
            if (found == null) {
                problems.add(name + " is missing");
            } else if (!Arrays.equals(found, shape)) {
                problems.add(name + " has shape " + Arrays.toString(found) + ", the encoder needs "
                        + Arrays.toString(shape));
            }
        });
        return problems;
    }

    /** The error for weights in {@code source} that do not fit: the first 8 problems, then how many more. */
    static String misfit(String source, List<String> problems) {
        return "The weights in " + source + " do not fit the encoder its config.json describes: "
                + String.join("; ", problems.subList(0, Math.min(8, problems.size())))
                + (problems.size() > 8 ? "; and " + (problems.size() - 8) + " more" : "")
                + ". Use the model.safetensors saved with that config.json.";
    }
}
