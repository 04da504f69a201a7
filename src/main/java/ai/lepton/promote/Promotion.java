package ai.lepton.promote;

import ai.lepton.data.Preparation;
import ai.lepton.data.Task;
import ai.lepton.runtime.artifact.Checksums;
import ai.lepton.runtime.artifact.Signing;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;
import ai.lepton.train.Training;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Promotes a finished run: packages its model with everything needed to use it, proves in a fresh runtime
 * that the package reproduces the run's model on the held-out rows, then registers it (and optionally moves
 * an alias and publishes it to Maven). Any refusal leaves the registry as it was.
 */
public final class Promotion {

    private static final long IMPORTANCE_SEED = 7;

    private Promotion() {
    }

    public static Promoted promote(RunStore store, Registry registry, String runReference, PromoteOptions options) {
        ModelNames.checked(options.name());
        if (options.alias() != null) {
            ModelNames.checkAlias(options.alias());
        }
        RunRecord run = store.find(runReference);
        if (run.status() != RunStatus.FINISHED) {
            throw new PromotionException("Run " + run.id() + " (" + run.name() + ") is " + run.status() + (run.status() == RunStatus.RUNNING
                    ? ": it is still training" : "") + ". Only FINISHED runs can be promoted"
                    + (run.status() == RunStatus.INTERRUPTED ? "; resume it first." : "."));
        }
        Map<String, Object> lineage = run.lineageMap();
        if (!(lineage.get("preparation") instanceof String preparationJson) || !(lineage.get(HeldOutRows.LINEAGE_KEY) instanceof String heldOut)) {
            throw new PromotionException("Run " + run.id() + " (" + run.name() + ") records no preparation and held-out rows: promotion packages"
                    + " tabular runs trained on a prepared named dataset (%lepton data prepare, then %%lepton train or Lepton.train(name, ...))."
                    + " Image models cannot be promoted yet.");
        }
        Preparation preparation = Preparation.fromJson(preparationJson);
        List<Map<String, Object>> rows = HeldOutRows.load(heldOut);
        if (rows.isEmpty()) {
            throw new PromotionException("Run " + run.id() + " has no held-out test rows (its split gave the test share 0), so promotion cannot"
                    + " judge the packaged model. Prepare with a test share, for example --split 0.7,0.15,0.15, and train again.");
        }
        Path weights = Training.finalWeights(run);
        checkWeightsUnchanged(store, run, weights);
        Table table = HeldOutRows.table(rows, preparation);
        try (TrainedModel model = TrainedModel.load(weights, preparation.task() == Task.CLASSIFICATION);
             Registry.Draft draft = registry.claim(options.name(), options.version())) {
            HeldOutEvaluation reference = HeldOutEvaluation.of(model, preparation, table);
            Map<String, Double> importance = PermutationImportance.of(model, preparation, table, reference, IMPORTANCE_SEED);
            byte[] artifact = ArtifactBuilder.build(options.name(), draft.version(), run, weights, preparation, reference.metrics(), importance,
                    rows.size(), Signing.signingKeyFromEnvironment());
            Path staged = draft.stage(artifact);
            GateReport gate = PromotionGate.check(staged, HeldOutRows.file(heldOut), preparation, reference);
            ModelVersion version = draft.commit(run.id(), run.name(), Checksums.sha256(artifact), artifact.length, gate.metrics());
            store.tag(run.id(), "promoted", version.reference());
            if (options.alias() != null) {
                registry.moveAlias(version.name(), options.alias(), version.version());
            }
            String published = options.publishTo() == null ? null : MavenPublisher.publish(version, options.publishTo());
            return new Promoted(version, gate, importance, options.alias(), published);
        }
    }

    /** Publishes a registered version as {@code ai.lepton.models:<name>:<version>}; returns the repository. */
    public static String publish(ModelVersion version, String repository) {
        return MavenPublisher.publish(version, repository);
    }

    /** The weights must be the ones the run recorded (by SHA-256) when it kept its best checkpoint as an artifact. */
    private static void checkWeightsUnchanged(RunStore store, RunRecord run, Path weights) {
        String recorded = store.artifacts(run.id()).get("checkpoints/best/model-0000.params");
        if (recorded == null || !weights.getFileName().toString().equals("best")) {
            return;
        }
        try {
            String actual = Checksums.sha256(Files.readAllBytes(weights.resolve("model-0000.params")));
            if (!actual.equals(recorded)) {
                throw new PromotionException("The weights in " + weights + " are not the ones run " + run.id() + " recorded (SHA-256 " + actual
                        + ", recorded " + recorded + "). They changed after training; promotion refuses to package them.");
            }
        } catch (IOException e) {
            throw new PromotionException("Cannot read the run's weights in " + weights + ": " + e.getMessage(), e);
        }
    }
}
