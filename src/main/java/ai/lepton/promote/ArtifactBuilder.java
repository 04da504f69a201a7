package ai.lepton.promote;

import ai.djl.engine.Engine;
import ai.lepton.base.LeptonUser;
import ai.lepton.base.LeptonVersion;
import ai.lepton.data.ModelInput;
import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.artifact.ArtifactWriter;
import ai.lepton.runtime.artifact.TemporaryFolder;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.monitor.InputProfile;
import ai.lepton.runtime.weights.Precision;
import ai.lepton.track.RunRecord;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Packs a run's model into an artifact: the whole network's weights (as trained, or compressed) and architecture, a text
 * model's tokenizer, the fitted preparation, the runtime's input schema, {@code manifest.json} (name, version, source run, metrics, parameters, lineage, environment,
 * engine and dependency versions), the model card, and the checksum list (signed when a key is given).
 */
final class ArtifactBuilder {

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create();

    private ArtifactBuilder() {}

    static byte[] build(Candidate candidate, PrivateKey signingKey) {
        RunModel model = candidate.model();
        TrainedModel network = model.trained();
        ModelInput input = model.input();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        if (candidate.compression() != null) {
            entries.put(ArtifactLayout.WEIGHTS, candidate.compression().weights());
        } else {
            entries.put(
                    ArtifactLayout.PARAMETERS,
                    TemporaryFolder.with(
                            "lepton-promotion-", folder -> Files.readAllBytes(network.saveParameters(folder))));
        }
        entries.put(ArtifactLayout.ARCHITECTURE, utf8(network.architecture().toJson()));
        if (network.tokenizerFile() != null) {
            try {
                entries.put(ArtifactLayout.TOKENIZER, Files.readAllBytes(network.tokenizerFile()));
            } catch (IOException e) {
                throw new PromotionException(
                        "Cannot read the run's tokenizer " + network.tokenizerFile() + ": " + e.getMessage(), e);
            }
        }
        InputSchema schema = input.inputSchema();
        entries.put(ArtifactLayout.PREPARATION, utf8(input.toJson()));
        entries.put(ArtifactLayout.SCHEMA, utf8(schema.toJson()));
        entries.put(
                ArtifactLayout.PROFILE,
                utf8(InputProfile.fit(model.rows(), schema).toJson()));
        entries.put(ArtifactLayout.MANIFEST, utf8(GSON.toJson(manifest(candidate))));
        entries.put(ArtifactLayout.MODEL_CARD, utf8(ModelCard.markdown(candidate)));
        return ArtifactWriter.write(entries, signingKey);
    }

    private static JsonObject manifest(Candidate candidate) {
        RunModel model = candidate.model();
        RunRecord run = model.run();
        JsonObject lineage = JsonParser.parseString(run.lineage().toJson()).getAsJsonObject();
        lineage.remove("preparation"); // it is an entry of its own
        JsonObject manifest = new JsonObject();
        manifest.addProperty("format", ArtifactLayout.FORMAT);
        manifest.addProperty("name", candidate.name());
        manifest.addProperty("version", candidate.version());
        manifest.addProperty("created", Instant.now().toString());
        manifest.addProperty("promoted_by", LeptonUser.name());
        JsonObject source = new JsonObject();
        source.addProperty("run_id", run.id());
        source.addProperty("run_name", run.name());
        source.addProperty("started", String.valueOf(run.startedAt()));
        source.addProperty("ended", String.valueOf(run.endedAt()));
        source.addProperty("parent_id", run.parentId());
        manifest.add("source_run", source);
        manifest.add("metrics", GSON.toJsonTree(candidate.testMetrics()));
        Compression compression = candidate.compression();
        manifest.addProperty(
                "precision",
                compression == null
                        ? Precision.FP32.label()
                        : compression.precision().label());
        if (compression != null) {
            JsonObject compressed = new JsonObject();
            compressed.addProperty("weights_bytes", compression.weights().length);
            compressed.addProperty("fp32_weights_bytes", compression.fullBytes());
            compressed.add("fp32_metrics", GSON.toJsonTree(model.evaluation().metrics()));
            compressed.addProperty("cost", compression.cost());
            manifest.add("compression", compressed);
        }
        manifest.addProperty("heldout_rows", model.rows().size());
        manifest.add("feature_importance", GSON.toJsonTree(candidate.importance()));
        manifest.add("params", GSON.toJsonTree(run.params()));
        manifest.add("lineage", lineage);
        JsonElement environment =
                run.environment() == null ? new JsonObject() : JsonParser.parseString(run.environment());
        manifest.add("environment", environment);
        if (environment.isJsonObject() && environment.getAsJsonObject().has("notebook_cells_sha256")) {
            manifest.add("notebook_sha256", environment.getAsJsonObject().get("notebook_cells_sha256"));
        }
        Engine engine = Engine.getEngine("PyTorch");
        JsonObject engineFacts = new JsonObject();
        engineFacts.addProperty("name", engine.getEngineName());
        engineFacts.addProperty("version", engine.getVersion());
        manifest.add("engine", engineFacts);
        JsonObject dependencies = new JsonObject();
        dependencies.addProperty("lepton", LeptonVersion.current());
        dependencies.addProperty("djl", Engine.getDjlVersion());
        dependencies.addProperty("pytorch", engine.getVersion());
        dependencies.addProperty("jdk", Runtime.version().toString());
        manifest.add("dependencies", dependencies);
        return manifest;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
