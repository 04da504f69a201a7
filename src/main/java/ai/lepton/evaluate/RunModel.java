package ai.lepton.evaluate;

import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.data.prepare.HeldOutRows;
import ai.lepton.data.prepare.ModelInput;
import ai.lepton.sweep.Sweeping;
import ai.lepton.track.Lineage;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStore;
import ai.lepton.train.loop.Training;
import ai.lepton.train.pretrained.PretrainedLocator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A tracked run's model loaded beside what reads its inputs (a fitted preparation, or an image input) and its raw held-out rows, to be judged on
 * rows it never trained on: by promotion, by {@code %lepton explain} and by the classifier plots. Everything
 * comes from the store and the run's checkpoints, so it works the same after a kernel restart.
 */
public final class RunModel implements AutoCloseable {

    private static final long IMPORTANCE_SEED = 7;

    private final RunRecord run;
    private final ModelInput input;
    private final String heldOutSha;
    private final List<Map<String, Object>> rows;
    private final FeatureMatrix heldOut;
    private final Path weights;
    private final TrainedModel model;
    private HeldOutEvaluation evaluation;

    private RunModel(RunRecord run, ModelInput input, String heldOutSha, List<Map<String, Object>> rows, Path weights) {
        this.run = run;
        this.input = input;
        this.heldOutSha = heldOutSha;
        this.rows = rows;
        this.heldOut = input.read(rows);
        this.weights = weights;
        this.model = TrainedModel.load(run, input.task() == Task.CLASSIFICATION);
    }

    /**
     * Loads run {@code reference} (id, id prefix or name); refused, saying why, when the run kept no preparation, rows or
     * weights.
     */
    public static RunModel open(RunStore store, String reference) {
        RunRecord run = store.find(reference);
        if (Sweeping.isSweep(run)) {
            throw new EvaluationException("Run " + run.id() + " (" + run.name()
                    + ") is a sweep: its models are its trials'. Use its best trial, Lepton.lastSweep().best()"
                    + " (the best_run tag), or pick one from Lepton.trials(\"" + run.name()
                    + "\") or %lepton runs --sweep "
                    + run.name() + ".");
        }
        Lineage lineage = run.lineage();
        if (!lineage.hasHeldOutRows()) {
            throw new EvaluationException(
                    "Run " + run.id() + " (" + run.name() + ") records no preparation and held-out rows"
                            + (lineage.origin() == null ? "" : ": it trained on " + lineage.origin())
                            + ". Promotion, explanations and"
                            + " held-out plots need a run trained on a table Lepton prepared (Preparer.prepare(table, options) and then"
                            + " Training.train(store, name, TrainingData.of(prepared), options), or in a notebook %lepton data prepare"
                            + " and %%lepton train), or on images given with test images: TrainingData.of(train, validation,"
                            + " test).");
        }
        ModelInput input = ModelInput.fromJson(lineage.preparation());
        if (PretrainedLocator.namesTorchScript(lineage.pretrained())) {
            throw new EvaluationException("Run " + run.id() + " (" + run.name()
                    + ") trained on a TorchScript backbone ("
                    + lineage.pretrained() + "), which Lepton's runtime cannot rebuild: it builds only its own network"
                    + " families. Promotion, explanations and held-out plots refuse it; its checkpoints are kept, and"
                    + " Training.resume and %lepton compare work as for any run.");
        }
        String heldOut = lineage.heldOutSha256();
        List<Map<String, Object>> rows = HeldOutRows.load(heldOut, input.inputSchema());
        if (rows.isEmpty()) {
            throw new EvaluationException(
                    "Run " + run.id() + " has no held-out test rows (its split gave the test share 0), so"
                            + " its model cannot be judged. Prepare with a test share, for example PrepareOptions.builder(target)"
                            + ".optSplit(0.7, 0.15, 0.15) or --split 0.7,0.15,0.15, and train again.");
        }
        return new RunModel(run, input, heldOut, rows, Training.finalWeights(run));
    }

    public RunRecord run() {
        return run;
    }

    /** What reads the model's raw rows: the run's fitted preparation, or its image input. */
    public ModelInput input() {
        return input;
    }

    /** The folder of the weights this model was loaded from (best or last, as the run's restore_best said). */
    public Path weights() {
        return weights;
    }

    /** The network itself, for packaging. */
    public TrainedModel trained() {
        return model;
    }

    /** The held-out rows as the run saw them before preparation, one map per row. */
    public List<Map<String, Object>> rows() {
        return rows;
    }

    /** The SHA-256 naming the held-out rows' file. */
    public String heldOutSha() {
        return heldOutSha;
    }

    /** The model's outputs and test metrics on the held-out rows, computed once. */
    public synchronized HeldOutEvaluation evaluation() {
        if (evaluation == null) {
            evaluation = HeldOutEvaluation.of(model, input, heldOut);
        }
        return evaluation;
    }

    /** {@code other} (this network with other weights) on the same held-out rows. */
    public HeldOutEvaluation evaluate(TrainedModel other) {
        return HeldOutEvaluation.of(other, input, heldOut);
    }

    /**
     * Permutation importance of each input column on the held-out rows. The shuffles are seeded, so an explanation
     * and the model card of a promotion of the same run show the same numbers. Refused for an image model, where it does
     * not apply.
     */
    public Explanation explain() {
        if (!explainable()) {
            throw new EvaluationException("Run " + run.id() + " (" + run.name() + ") is an image model: permutation"
                    + " importance does not apply, as it reads one input (the image) and shuffling whole images only"
                    + " says the model needs them. Its held-out metrics and plots (%lepton plot --confusion, --roc) do"
                    + " apply.");
        }
        HeldOutEvaluation unshuffled = evaluation();
        String metric = HeldOutEvaluation.headline(input);
        return new Explanation(
                run.name(),
                metric,
                unshuffled.metrics().get(metric),
                PermutationImportance.of(model, input, rows, unshuffled, IMPORTANCE_SEED),
                rows.size(),
                PermutationImportance.REPEATS);
    }

    /** Whether {@link #explain} applies: the model reads inputs that can be shuffled one at a time. */
    public boolean explainable() {
        return !input.shuffledInputs().isEmpty();
    }

    @Override
    public void close() {
        model.close();
    }
}
