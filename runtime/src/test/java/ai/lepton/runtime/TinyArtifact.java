package ai.lepton.runtime;

import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.artifact.ArtifactWriter;
import ai.lepton.runtime.input.CategoryField;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.input.NumberField;
import ai.lepton.runtime.input.TextField;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.runtime.model.BertConfig;
import ai.lepton.runtime.model.EncoderSettings;
import ai.lepton.runtime.monitor.InputProfile;
import ai.lepton.runtime.weights.Precision;
import ai.lepton.runtime.weights.Quantization;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small real artifact for runtime tests: an untrained MLP (2 numbers + a 3-way category → 2 classes) with
 * its parameters saved by DJL, a schema, a manifest and a card, written by the artifact writer; or an untrained
 * one-layer BERT text classifier on all-MiniLM-L6-v2's tokenizer, reading at most {@link #TEXT_MAX_LENGTH} word pieces.
 */
public final class TinyArtifact {

    /** The text model's max_length. */
    public static final int TEXT_MAX_LENGTH = 16;

    static final InputSchema SCHEMA = new InputSchema(
            true,
            "label",
            List.of("no", "yes"),
            List.of(
                    new NumberField("x", 0.5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.5, 2.0, -3, 4),
                    new NumberField("y", Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 1, 0, 1),
                    new CategoryField("color", "red", List.of("red", "green", "blue"), true, true)));

    private TinyArtifact() {}

    /** The tabular model's network. */
    static final Architecture MLP = new Architecture("mlp", new long[] {5}, List.of(4), 2, 0);

    /** The entries of a valid artifact on {@code engineVersion}. */
    static Map<String, byte[]> entries(String engineVersion) throws Exception {
        return entries(MLP, SCHEMA, engineVersion);
    }

    /**
     * The entries of a valid artifact of the tabular model with its weights compressed at {@code precision} (rather
     * than DJL's parameter file) and the profile of its inputs, as promotion writes them.
     */
    static Map<String, byte[]> compressedEntries(Precision precision) throws Exception {
        Map<String, byte[]> entries = withProfile(entries("2.7.1"));
        entries.remove(ArtifactLayout.PARAMETERS);
        entries.put(ArtifactLayout.WEIGHTS, Quantization.pack(SavedNetwork.weights(MLP), precision));
        entries.put(ArtifactLayout.MANIFEST, manifest("2.7.1", precision));
        return entries;
    }

    /** {@code entries} with the profile of a few rows of the tabular model's inputs. */
    static Map<String, byte[]> withProfile(Map<String, byte[]> entries) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("x", i / 10.0);
            row.put("y", i % 3 == 0 ? null : i / 40.0);
            row.put("color", List.of("red", "green", "blue").get(i % 3));
            rows.add(row);
        }
        Map<String, byte[]> with = new LinkedHashMap<>(entries);
        with.put(ArtifactLayout.PROFILE, utf8(InputProfile.fit(rows, SCHEMA).toJson()));
        return with;
    }

    /** An unsigned artifact of the tabular model. */
    public static byte[] bytes() throws Exception {
        return bytes(null);
    }

    /** An unsigned artifact of the text model: one text field, {@code text}. */
    public static byte[] textBytes() throws Exception {
        BertConfig config = new BertConfig("bert", 30522, 8, 1, 2, 16, 64, 2, 1e-12, "gelu");
        Architecture architecture = new Architecture(
                "bert", new long[] {0}, List.of(), 2, 0, new EncoderSettings(config, "mean", TEXT_MAX_LENGTH, 0, null));
        InputSchema schema = new InputSchema(true, "label", List.of("no", "yes"), List.of(new TextField("text")));
        Map<String, byte[]> entries = entries(architecture, schema, "2.7.1");
        try (InputStream tokenizer =
                TinyArtifact.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
            entries.put(ArtifactLayout.TOKENIZER, tokenizer.readAllBytes());
        }
        return ArtifactWriter.write(entries, null);
    }

    private static Map<String, byte[]> entries(Architecture architecture, InputSchema schema, String engineVersion)
            throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(ArtifactLayout.PARAMETERS, SavedNetwork.bytes(architecture));
        entries.put(ArtifactLayout.ARCHITECTURE, utf8(architecture.toJson()));
        entries.put(ArtifactLayout.SCHEMA, utf8(schema.toJson()));
        entries.put(ArtifactLayout.PREPARATION, utf8("{}"));
        entries.put(ArtifactLayout.MODEL_CARD, utf8("# tiny 1.0.0\n"));
        entries.put(ArtifactLayout.MANIFEST, manifest(engineVersion, Precision.FP32));
        return entries;
    }

    private static byte[] manifest(String engineVersion, Precision precision) {
        return utf8("""
                {"format": "%s", "name": "tiny", "version": "1.0.0", "engine": {"name": "PyTorch", "version": "%s"},
                 "precision": "%s"}
                """.formatted(ArtifactLayout.FORMAT, engineVersion, precision.label()));
    }

    static byte[] bytes(PrivateKey key) throws Exception {
        return ArtifactWriter.write(entries("2.7.1"), key);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
