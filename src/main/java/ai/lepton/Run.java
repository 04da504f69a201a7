package ai.lepton;

import ai.djl.Model;
import ai.lepton.base.LeptonException;
import ai.lepton.evaluate.Explanation;
import ai.lepton.plot.Figure;
import ai.lepton.promote.PromoteOptions;
import ai.lepton.promote.Promoted;
import ai.lepton.track.Metric;
import ai.lepton.track.MetricPoint;
import ai.lepton.track.RunMetrics;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStatus;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingResult;
import ai.lepton.train.loop.Training;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A tracked run as a notebook holds it: what {@link Lepton#train}, {@link Lepton#run(String)}, {@link Lepton#lastRun()},
 * {@link Lepton#runs()} and a sweep's {@link Sweep#best()} give. Everything it says is read from the run store when
 * asked, so a run read back after a kernel restart is as good as one just trained — except for its {@link #model()},
 * which is open only in the session that trained it. What the magics do with a run's name, it does with itself:
 * {@code run.promote("penguins")}, {@code run.plot()}, {@code run.explain()}, {@code run.confusion()}.
 */
public final class Run implements AutoCloseable {

    private final RunRecord record;
    /** The model as training left it; null for a run read back from the store. */
    private final TrainingResult trained;

    private boolean closed;

    private Run(RunRecord record, TrainingResult trained) {
        this.record = record;
        this.trained = trained;
    }

    /** The run training just produced, with its model open. */
    static Run trained(TrainingResult result) {
        return new Run(Lepton.store().find(result.runId()), result);
    }

    /** A run as the store has it. */
    static Run recorded(RunRecord record) {
        return new Run(record, null);
    }

    /** The run's id. */
    public String id() {
        return record.id();
    }

    /** The name it was given when it started. */
    public String name() {
        return record.name();
    }

    /** Where it stands now: RUNNING, FINISHED, INTERRUPTED, FAILED or PRUNED. */
    public RunStatus status() {
        return record().status();
    }

    /** Its hyperparameters, as recorded (their text form). */
    public Map<String, String> params() {
        return record.params();
    }

    /**
     * What it measured, each metric's latest and best value (best in the metric's own direction: the lowest loss, the
     * highest accuracy): {@code run.metrics().best(Metric.VAL_ACCURACY)}.
     */
    public RunMetrics metrics() {
        return RunMetrics.of(name(), Lepton.store().metrics(id()));
    }

    /**
     * How many epochs it trained: as training counted them when this session trained it, else the last epoch the store
     * has a per-epoch metric of.
     */
    public int epochs() {
        if (trained != null) {
            return trained.epochs();
        }
        return Lepton.store().metrics(id()).stream()
                .filter(point -> Metric.named(point.name()).every() == Metric.Every.EPOCH)
                .mapToInt(MetricPoint::epoch)
                .max()
                .orElse(0);
    }

    /** Everything the store holds of it now: owner, times, parent sweep, trial number, tags, environment, lineage. */
    public RunRecord record() {
        return Lepton.store().find(id());
    }

    /**
     * The model as training left it (the best epoch's weights when it restored the best), while this session holds it
     * open; {@link #close()} frees its native memory.
     */
    public synchronized Model model() {
        if (trained == null) {
            throw new LeptonException(
                    "Run " + label() + " was read back from the store, so no model of it is open here:"
                            + " its weights are in its checkpoints. Promote it and load the artifact (run.promote(\"NAME\"),"
                            + " then Lepton.load(\"NAME\")), or train on from its last checkpoint with run.resume(DATA) if it"
                            + " did not finish.");
        }
        if (closed) {
            throw new LeptonException(
                    "The model of run " + label() + " was closed (close() was called, or a magic's run"
                            + " is closed when the next run is trained); its weights are in its checkpoints: promote the run"
                            + " and load the artifact with Lepton.load(\"NAME\").");
        }
        return trained.model();
    }

    /**
     * The folder of the weights it ended with ({@code model-0000.params} and {@code architecture.json}): its best
     * checkpoint when it restored the best, else its last.
     */
    public Path weights() {
        return Training.finalWeights(record());
    }

    /** Promotes it as the next version of the model {@code modelName}; see {@link Lepton#promote(String, String)}. */
    public Promoted promote(String modelName) {
        return Lepton.promote(id(), modelName);
    }

    /** Promotes it with a version, an alias, compression or a publication: {@code PromoteOptions.builder("m")...}. */
    public Promoted promote(PromoteOptions options) {
        return Lepton.promote(id(), options);
    }

    /** Its learning curves: loss by step, then each metric family by epoch. */
    public Figure plot() {
        return Plots.runs(id());
    }

    /** The curves of the metrics named, such as {@code Metric.LOSS, Metric.VAL_ACCURACY}. */
    public Figure plot(Metric... metrics) {
        return Plots.runs(
                List.of(id()), Arrays.stream(metrics).map(Metric::name).toList());
    }

    /** The confusion matrix of its model on its held-out rows (a classification run). */
    public Figure confusion() {
        return Plots.confusion(id());
    }

    /** ROC curves of its model on its held-out rows (a classification run). */
    public Figure roc() {
        return Plots.roc(id());
    }

    /** Which input columns its model leans on: permutation importance on its held-out rows. */
    public Explanation explain() {
        return Lepton.explain(id());
    }

    /** This run and {@code others} side by side: the parameters that differ and each metric's final value. */
    public Table compareWith(Run... others) {
        List<RunRecord> records = new ArrayList<>();
        records.add(record());
        Arrays.stream(others).map(Run::record).forEach(records::add);
        return new Runs("compare", records).table();
    }

    /** Continues this run, if it did not finish, from its last checkpoint on the prepared data named {@code data}. */
    public Run resume(String data) {
        return Lepton.resume(data, id());
    }

    /** Continues this run on any data. */
    public Run resume(TrainingData data) {
        return Lepton.resume(data, id());
    }

    /** A title and one row per metric (latest, best, best epoch): how a notebook shows a run. */
    public Table table() {
        RunRecord now = record();
        return metrics().table().setName("run " + now.name() + " (" + now.id() + ") " + now.status());
    }

    /** Frees the native memory of its model, if this session holds it open; its weights stay in its checkpoints. */
    @Override
    public synchronized void close() {
        if (trained != null && !closed) {
            trained.close();
        }
        closed = true;
    }

    /** The same run, however it was got: by training it, by name, as the last run or as a sweep's best. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Run run && run.id().equals(id());
    }

    @Override
    public int hashCode() {
        return id().hashCode();
    }

    /** Its status and metrics, as the store has them now: what a notebook shows as text. */
    @Override
    public String toString() {
        RunMetrics metrics = metrics();
        return "Run " + label() + " " + status() + (metrics.names().isEmpty() ? "" : ": " + metrics);
    }

    /** Its name and id, as messages name a run. */
    private String label() {
        return name() + " (" + id() + ")";
    }
}
