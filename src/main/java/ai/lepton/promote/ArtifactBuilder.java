package ai.lepton.promote;

import ai.djl.engine.Engine;
import ai.lepton.base.LeptonUser;
import ai.lepton.base.LeptonVersion;
import ai.lepton.data.prepare.ModelInput;
import ai.lepton.evaluate.RunModel;
import ai.lepton.evaluate.TrainedModel;
import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.artifact.ArtifactWriter;
import ai.lepton.runtime.artifact.Manifest;
import ai.lepton.runtime.artifact.ManifestJson;
import ai.lepton.runtime.artifact.TemporaryFolder;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.monitor.InputProfile;
import ai.lepton.track.Lineage;
import ai.lepton.track.RunRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Packs a run's model into an artifact: the whole network's weights (as trained, or compressed) and architecture, a text
 * model's tokenizer, the fitted preparation, the runtime's input schema, {@code manifest.json} (a {@link Manifest}: name,
 * version, source run, metrics, parameters, lineage, environment, engine and dependency versions, written by
 * {@link ManifestJson}), the model card, and the checksum list (signed when a key is given).
 */
final class ArtifactBuilder {

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
        entries.put(ArtifactLayout.MANIFEST, utf8(ManifestJson.write(manifest(candidate))));
        entries.put(ArtifactLayout.MODEL_CARD, utf8(ModelCard.markdown(candidate)));
        return ArtifactWriter.write(entries, signingKey);
    }

    private static Manifest manifest(Candidate candidate) {
        RunModel model = candidate.model();
        RunRecord run = model.run();
        Compression compression = candidate.compression();
        Engine engine = Engine.getEngine("PyTorch");
        Manifest.Builder manifest = Manifest.builder(
                        candidate.name(),
                        candidate.version(),
                        new Manifest.Engine(engine.getEngineName(), engine.getVersion()))
                .optCreated(Instant.now())
                .optPromotedBy(LeptonUser.name())
                .optSourceRun(
                        new Manifest.SourceRun(run.id(), run.name(), run.startedAt(), run.endedAt(), run.parentId()))
                .optMetrics(candidate.testMetrics())
                .optHeldOutRows(model.rows().size())
                .optFeatureImportance(candidate.importance())
                .optParams(run.params())
                .optLineage(lineage(run.lineage()))
                .optEnvironment(environment(run))
                .optDependencies(new Manifest.Dependencies(
                        LeptonVersion.current(),
                        Engine.getDjlVersion(),
                        engine.getVersion(),
                        Runtime.version().toString()));
        if (compression != null) { // else fp32, as trained
            manifest.optPrecision(
                    compression.precision(),
                    new Manifest.Compression(
                            compression.weights().length,
                            compression.fullBytes(),
                            model.evaluation().metrics(),
                            compression.cost()));
        }
        return manifest.build();
    }

    /** What the run ran on, as the store recorded it; a damaged record refuses the promotion with the field it names. */
    private static Manifest.Environment environment(RunRecord run) {
        try {
            return ManifestJson.environment(run.environment(), run.id());
        } catch (ArtifactException e) {
            throw new PromotionException(e.getMessage(), e);
        }
    }

    /** The run's lineage, less the preparation: it is an entry of its own. */
    private static Manifest.Lineage lineage(Lineage lineage) {
        return new Manifest.Lineage(
                lineage.dataset(),
                lineage.datasetFingerprint(),
                lineage.heldOutSha256(),
                lineage.origin(),
                lineage.trainRows(),
                lineage.validationRows(),
                lineage.labels(),
                lineage.pretrained());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
