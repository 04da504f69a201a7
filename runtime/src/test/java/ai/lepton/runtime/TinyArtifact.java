package ai.lepton.runtime;

import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.artifact.ArtifactWriter;
import ai.lepton.runtime.input.CategoryField;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.input.NumberField;
import ai.lepton.runtime.model.Architecture;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small real artifact for runtime tests: an untrained MLP (2 numbers + a 3-way category → 2 classes) with
 * its parameters saved by DJL, a schema, a manifest and a card, written by the artifact writer.
 */
final class TinyArtifact {

    static final InputSchema SCHEMA = new InputSchema(
            true,
            "label",
            List.of("no", "yes"),
            List.of(
                    new NumberField("x", 0.5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.5, 2.0, -3, 4),
                    new NumberField("y", Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 1, 0, 1),
                    new CategoryField("color", "red", List.of("red", "green", "blue"), true, true)));

    private TinyArtifact() {}

    /** The entries of a valid artifact on {@code engineVersion}. */
    static Map<String, byte[]> entries(String engineVersion) throws Exception {
        Architecture architecture = new Architecture("mlp", new long[] {5}, List.of(4), 2, 0);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(ArtifactLayout.PARAMETERS, SavedNetwork.bytes(architecture));
        entries.put(ArtifactLayout.ARCHITECTURE, utf8(architecture.toJson()));
        entries.put(ArtifactLayout.SCHEMA, utf8(SCHEMA.toJson()));
        entries.put(ArtifactLayout.PREPARATION, utf8("{}"));
        entries.put(ArtifactLayout.MODEL_CARD, utf8("# tiny 1.0.0\n"));
        entries.put(ArtifactLayout.MANIFEST, utf8("""
                {"format": "%s", "name": "tiny", "version": "1.0.0", "engine": {"name": "PyTorch", "version": "%s"}}
                """.formatted(ArtifactLayout.FORMAT, engineVersion)));
        return entries;
    }

    static byte[] bytes(PrivateKey key) throws Exception {
        return ArtifactWriter.write(entries("2.7.1"), key);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
