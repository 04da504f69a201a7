package ai.lepton.promote;

import ai.lepton.base.Sha256;
import ai.lepton.data.prepare.HeldOutRows;
import ai.lepton.evaluate.EvaluationException;
import ai.lepton.evaluate.HeldOutEvaluation;
import ai.lepton.evaluate.RunModel;
import ai.lepton.runtime.artifact.Signing;
import ai.lepton.runtime.weights.Precision;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;
import ai.lepton.track.Tag;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Promotes a finished run: packages its model with everything needed to use it (its weights compressed when asked, if
 * that costs no more than the tolerance), proves in a fresh runtime that the package reproduces the model on the held-out
 * rows, then registers it (and optionally moves
 * an alias and publishes it to Maven). Any refusal leaves the registry as it was.
 */
public final class Promotion {

    /** Where a run's recorded artifacts name its best checkpoint's files. */
    private static final String BEST_CHECKPOINT = "checkpoints/best/";

    private Promotion() {}

    public static Promoted promote(RunStore store, Registry registry, String runReference, PromoteOptions options) {
        ModelNames.checked(options.name());
        if (options.alias() != null) {
            registry.checkMayMove(
                    options.name(), options.alias()); // a protected alias is refused before anything is built
        }
        RunRecord found = store.find(runReference);
        if (found.status() != RunStatus.FINISHED) {
            throw new PromotionException("Run " + found.id() + " (" + found.name() + ") is " + found.status()
                    + (found.status() == RunStatus.RUNNING ? ": it is still training" : "")
                    + ". Only FINISHED runs can be promoted"
                    + (found.status() == RunStatus.INTERRUPTED ? "; resume it first." : "."));
        }
        try (RunModel model = judged(store, found.id());
                Registry.Draft draft = registry.claim(options.name(), options.version())) {
            RunRecord run = model.run();
            checkWeightsUnchanged(store, run, model.weights());
            HeldOutEvaluation reference = model.evaluation();
            Map<String, Double> importance =
                    model.explainable() ? model.explain().importance() : Map.of();
            Compression compression = options.precision() == Precision.FP32
                    ? null
                    : Compression.measure(model, options.precision(), options.tolerance());
            HeldOutEvaluation packaged = compression == null ? reference : compression.evaluation();
            byte[] artifact = ArtifactBuilder.build(
                    new Candidate(options.name(), draft.version(), model, packaged.metrics(), importance, compression),
                    Signing.signingKeyFromEnvironment());
            Path staged = draft.stage(artifact);
            GateReport gate =
                    PromotionGate.check(staged, HeldOutRows.file(model.heldOutSha()), model.input(), packaged);
            ModelVersion version =
                    draft.commit(run.id(), run.name(), Sha256.of(artifact).hex(), artifact.length, gate.metrics());
            if (store.owns(run)) { // a colleague's run stays as they left it; the registry entry names the run
                store.tag(run.id(), Tag.PROMOTED.key(), version.reference());
            }
            if (options.alias() != null) {
                registry.moveAlias(version.name(), options.alias(), version.version());
            }
            String published =
                    options.publishTo() == null ? null : MavenPublisher.publish(version, options.publishTo());
            return new Promoted(
                    version,
                    gate,
                    importance,
                    options.alias(),
                    published,
                    compression == null ? null : compression.describe(model.input(), reference));
        }
    }

    /** Publishes a registered version as {@code ai.lepton.models:<name>:<version>}; returns the repository. */
    public static String publish(ModelVersion version, String repository) {
        return MavenPublisher.publish(version, repository);
    }

    /** The run's model on its held-out rows; a run that cannot be judged cannot be promoted, for the same reason. */
    private static RunModel judged(RunStore store, String runId) {
        try {
            return RunModel.open(store, runId);
        } catch (EvaluationException refused) {
            throw new PromotionException(refused.getMessage(), refused);
        }
    }

    /**
     * The weights must be the ones the run recorded (by SHA-256) when it kept its best checkpoint as an artifact: DJL's
     * parameter file, or a text model's {@code weights.safetensors}.
     */
    private static void checkWeightsUnchanged(RunStore store, RunRecord run, Path weights) {
        if (!weights.getFileName().toString().equals("best")) {
            return;
        }
        for (Map.Entry<String, String> recorded : store.artifacts(run.id()).entrySet()) {
            if (!recorded.getKey().startsWith(BEST_CHECKPOINT)) {
                continue;
            }
            Path file = weights.resolve(recorded.getKey().substring(BEST_CHECKPOINT.length()));
            try {
                String actual = Sha256.of(file).hex();
                if (!actual.equals(recorded.getValue())) {
                    throw new PromotionException("The weights in " + file + " are not the ones run " + run.id()
                            + " recorded (SHA-256 " + actual + ", recorded " + recorded.getValue()
                            + "). They changed after training; promotion refuses to package them.");
                }
            } catch (IOException e) {
                throw new PromotionException("Cannot read the run's weights in " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
