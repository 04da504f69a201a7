package ai.lepton.runtime.artifact;

import ai.lepton.runtime.weights.Precision;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one place a {@link Manifest} becomes {@code manifest.json} and back; each JSON field is named here once, beside
 * the component it holds.
 *
 * <p>Reading is tolerant, as Tribuo reads older provenance: the format is checked first (another format may mean other
 * fields, and is refused with what to do); then the name, version and engine are required, and every other field, being
 * one an older Lepton may not have written, reads as the {@link Manifest} documents when it is missing. Fields this
 * runtime does not know (written by a newer Lepton of the same format) are ignored, so they are not in what
 * {@link #write} gives back either (serve's {@code /metadata}): a change that matters to reading is a new format. A field
 * of the wrong type is a damaged artifact, refused naming the entry and the field ({@link JsonEntry}). Two forms of
 * older manifests are read as they were meant: a run's end written as {@code "null"} (not ended), and a lineage's
 * {@code images} (its {@code origin} now).
 */
public final class ManifestJson {

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create();

    /** What to do when a run's recorded environment is damaged. */
    private static final String RUN_REMEDY = "The run store's record of the run is damaged; promote another run.";

    private ManifestJson() {}

    /** {@code manifest} as {@code manifest.json}: indented, fields without a value left out. */
    public static String write(Manifest manifest) {
        JsonObject json = new JsonObject();
        json.addProperty("format", ArtifactLayout.FORMAT);
        json.addProperty("name", manifest.name());
        json.addProperty("version", manifest.version());
        json.addProperty("created", iso(manifest.created()));
        json.addProperty("promoted_by", manifest.promotedBy());
        json.add("source_run", sourceRun(manifest.sourceRun()));
        json.add("metrics", GSON.toJsonTree(manifest.metrics()));
        json.addProperty("precision", manifest.precision().label());
        if (manifest.compression() != null) {
            json.add("compression", compression(manifest.compression()));
        }
        json.addProperty("heldout_rows", manifest.heldOutRows());
        json.add("feature_importance", GSON.toJsonTree(manifest.featureImportance()));
        json.add("params", GSON.toJsonTree(manifest.params()));
        json.add("lineage", lineage(manifest.lineage()));
        json.add("environment", environment(manifest.environment()));
        json.addProperty("notebook_sha256", manifest.notebookSha256());
        JsonObject engine = new JsonObject();
        engine.addProperty("name", manifest.engine().name());
        engine.addProperty("version", manifest.engine().version());
        json.add("engine", engine);
        json.add("dependencies", dependencies(manifest.dependencies()));
        return GSON.toJson(json);
    }

    /** Reads {@code text}, the manifest of the artifact read from {@code source}. */
    public static Manifest read(String text, String source) {
        return read(JsonEntry.parse(source, ArtifactLayout.MANIFEST, text), source);
    }

    /**
     * Reads a run's environment as the run store records it ({@code recorded}; null: none recorded), for the manifest
     * of a model promoted from run {@code runId}: the manifest keeps the same facts.
     */
    public static Manifest.Environment environment(String recorded, String runId) {
        return recorded == null
                ? Manifest.Environment.NONE
                : environment(JsonEntry.parse("Run " + runId, "environment", recorded, RUN_REMEDY));
    }

    /** Reads {@code json}, entry {@link ArtifactLayout#MANIFEST}: the format first, then every field. */
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
                .orElse(null);
        return Manifest.builder(
                        json.string("name"),
                        json.string("version"),
                        new Manifest.Engine(engine.string("name"), engine.string("version")))
                .optCreated(instant(json, "created"))
                .optPromotedBy(text(json, "promoted_by"))
                .optSourceRun(json.has("source_run") ? sourceRun(json.object("source_run")) : null)
                .optMetrics(json.has("metrics") ? json.numbersByName("metrics") : null)
                .optPrecision(precision, json.has("compression") ? compression(json.object("compression")) : null)
                .optHeldOutRows(json.has("heldout_rows") ? json.count("heldout_rows") : 0)
                .optFeatureImportance(json.has("feature_importance") ? json.numbersByName("feature_importance") : null)
                .optParams(json.has("params") ? json.stringsByName("params") : null)
                .optLineage(json.has("lineage") ? lineage(json.object("lineage")) : null)
                .optEnvironment(json.has("environment") ? environment(json.object("environment")) : null)
                .optDependencies(json.has("dependencies") ? dependencies(json.object("dependencies")) : null)
                .build();
    }

    private static JsonObject sourceRun(Manifest.SourceRun run) {
        JsonObject json = new JsonObject();
        json.addProperty("run_id", run.id());
        json.addProperty("run_name", run.name());
        json.addProperty("started", iso(run.started()));
        json.addProperty("ended", iso(run.ended()));
        json.addProperty("parent_id", run.parentId());
        return json;
    }

    private static Manifest.SourceRun sourceRun(JsonEntry json) {
        return new Manifest.SourceRun(
                text(json, "run_id"),
                text(json, "run_name"),
                instant(json, "started"),
                instant(json, "ended"),
                text(json, "parent_id"));
    }

    private static JsonObject compression(Manifest.Compression compression) {
        JsonObject json = new JsonObject();
        json.addProperty("weights_bytes", compression.weightsBytes());
        json.addProperty("fp32_weights_bytes", compression.fp32WeightsBytes());
        json.add("fp32_metrics", GSON.toJsonTree(compression.fp32Metrics()));
        json.addProperty("cost", compression.cost());
        return json;
    }

    private static Manifest.Compression compression(JsonEntry json) {
        return new Manifest.Compression(
                json.wholeNumber("weights_bytes"),
                json.wholeNumber("fp32_weights_bytes"),
                json.numbersByName("fp32_metrics"),
                json.number("cost"));
    }

    private static JsonObject lineage(Manifest.Lineage lineage) {
        JsonObject json = new JsonObject();
        json.addProperty("dataset", lineage.dataset());
        json.addProperty("dataset_fingerprint", lineage.datasetFingerprint());
        json.addProperty("heldout_sha256", lineage.heldOutSha256());
        json.addProperty("origin", lineage.origin());
        json.addProperty("train_rows", lineage.trainRows());
        json.addProperty("validation_rows", lineage.validationRows());
        json.add("labels", GSON.toJsonTree(lineage.labels()));
        json.addProperty("pretrained", lineage.pretrained());
        return json;
    }

    private static Manifest.Lineage lineage(JsonEntry json) {
        return new Manifest.Lineage(
                text(json, "dataset"),
                text(json, "dataset_fingerprint"),
                text(json, "heldout_sha256"),
                json.optionalString("origin")
                        .or(() -> json.optionalString("images"))
                        .orElse(null),
                json.has("train_rows") ? json.count("train_rows") : 0,
                json.has("validation_rows") ? json.count("validation_rows") : 0,
                json.has("labels") ? json.strings("labels") : List.of(),
                text(json, "pretrained"));
    }

    private static JsonObject environment(Manifest.Environment environment) {
        JsonObject json = new JsonObject();
        json.addProperty("jdk", environment.jdk());
        json.addProperty("jdk_vendor", environment.jdkVendor());
        json.addProperty("os", environment.os());
        json.addProperty("cpus", environment.cpus());
        json.addProperty("max_heap_bytes", environment.maxHeapBytes());
        json.addProperty("lepton", environment.lepton());
        json.addProperty("djl", environment.djl());
        json.addProperty("working_directory", environment.workingDirectory());
        json.addProperty("git_commit", environment.gitCommit());
        json.addProperty("git_dirty", environment.gitDirty());
        json.addProperty("notebook", environment.notebook());
        if (!environment.notebookCells().isEmpty()) {
            json.add("notebook_cells", GSON.toJsonTree(environment.notebookCells()));
        }
        json.addProperty("notebook_cells_sha256", environment.notebookCellsSha256());
        if (!environment.variables().isEmpty()) {
            json.add("environment_variables", GSON.toJsonTree(environment.variables()));
        }
        json.addProperty("engine", environment.engine());
        json.addProperty("device", environment.device());
        json.addProperty("gpu_count", environment.gpuCount());
        json.addProperty("cuda", environment.cuda());
        json.addProperty("gpu_compute_capability", environment.gpuComputeCapability());
        json.addProperty("gpu_memory_bytes", environment.gpuMemoryBytes());
        return json;
    }

    private static Manifest.Environment environment(JsonEntry json) {
        return new Manifest.Environment(
                text(json, "jdk"),
                text(json, "jdk_vendor"),
                text(json, "os"),
                json.has("cpus") ? json.count("cpus") : null,
                json.has("max_heap_bytes") ? json.wholeNumber("max_heap_bytes") : null,
                text(json, "lepton"),
                text(json, "djl"),
                text(json, "working_directory"),
                text(json, "git_commit"),
                json.has("git_dirty") ? json.flag("git_dirty") : null,
                text(json, "notebook"),
                json.has("notebook_cells") ? json.strings("notebook_cells") : List.of(),
                text(json, "notebook_cells_sha256"),
                json.has("environment_variables") ? json.stringsByName("environment_variables") : Map.of(),
                text(json, "engine"),
                text(json, "device"),
                json.has("gpu_count") ? json.count("gpu_count") : null,
                text(json, "cuda"),
                text(json, "gpu_compute_capability"),
                json.has("gpu_memory_bytes") ? json.wholeNumber("gpu_memory_bytes") : null);
    }

    private static JsonObject dependencies(Manifest.Dependencies dependencies) {
        JsonObject json = new JsonObject();
        json.addProperty("lepton", dependencies.lepton());
        json.addProperty("djl", dependencies.djl());
        json.addProperty("pytorch", dependencies.pytorch());
        json.addProperty("jdk", dependencies.jdk());
        return json;
    }

    private static Manifest.Dependencies dependencies(JsonEntry json) {
        return new Manifest.Dependencies(
                text(json, "lepton"), text(json, "djl"), text(json, "pytorch"), text(json, "jdk"));
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

    /** The instant {@code field} holds, or null when it is missing or {@code "null"} (how an older Lepton wrote none). */
    private static Instant instant(JsonEntry json, String field) {
        String text = json.optionalString(field).orElse("null");
        if (text.equals("null")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw json.damaged(field, "is '" + text + "', not a time such as 2026-12-07T17:58:15Z");
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The string {@code field} holds, or null when it is missing or null. */
    private static String text(JsonEntry json, String field) {
        return json.optionalString(field).orElse(null);
    }
}
