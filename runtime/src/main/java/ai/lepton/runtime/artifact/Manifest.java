package ai.lepton.runtime.artifact;

import ai.lepton.runtime.weights.Precision;
import com.google.gson.JsonObject;

import java.util.Arrays;

/**
 * An artifact's {@code manifest.json} as the runtime relies on it, each field read with its type checked
 * ({@link JsonEntry}): the model's name and version, the engine it was trained on and how its weights are stored. The
 * rest (metrics, parameters, lineage, environment) is kept as recorded, for display.
 *
 * @param name      the registered model's name
 * @param version   its version
 * @param engine    the engine it was trained on
 * @param precision how the artifact stores the weights (fp32 when the manifest predates compression)
 * @param recorded  the whole manifest as promotion wrote it
 */
public record Manifest(String name, String version, Engine engine, Precision precision, JsonObject recorded) {

    /**
     * A deep learning engine and its version.
     *
     * @param name    DJL's name for it ({@code PyTorch})
     * @param version its version ({@code 2.7.1})
     */
    public record Engine(String name, String version) {}

    public Manifest {
        recorded = recorded.deepCopy();
    }

    /**
     * Reads {@code json}, entry {@link ArtifactLayout#MANIFEST}: the format first (another format may mean other fields),
     * refused with what to do when it is not {@link ArtifactLayout#FORMAT}; then every field the runtime uses.
     */
    static Manifest read(JsonEntry json, String source) {
        String format = json.optionalString("format").orElse("(none)");
        if (!format.equals(ArtifactLayout.FORMAT)) {
            throw new ArtifactException("Format check failed for " + source + ": entry " + ArtifactLayout.MANIFEST
                    + " says format " + format + ", and this runtime reads " + ArtifactLayout.FORMAT
                    + ". Use the lepton-runtime version that matches the artifact.");
        }
        JsonEntry engine = json.object("engine");
        Precision precision = json.optionalString("precision")
                .map(text -> precision(json, text))
                .orElse(Precision.FP32);
        return new Manifest(
                json.string("name"),
                json.string("version"),
                new Engine(engine.string("name"), engine.string("version")),
                precision,
                json.tree());
    }

    private static Precision precision(JsonEntry json, String text) {
        try {
            return Precision.of(text);
        } catch (IllegalArgumentException e) {
            throw json.damaged(
                    "precision",
                    "is '" + text + "', and this runtime knows "
                            + Arrays.stream(Precision.values())
                                    .map(Precision::label)
                                    .toList());
        }
    }

    /** A copy of the manifest as recorded. */
    @Override
    public JsonObject recorded() {
        return recorded.deepCopy();
    }
}
