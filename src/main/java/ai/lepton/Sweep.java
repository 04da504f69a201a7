package ai.lepton;

import ai.lepton.plot.Figure;
import ai.lepton.sweep.SweepResult;
import ai.lepton.track.Metric;
import ai.lepton.track.RunStatus;
import tech.tablesaw.api.Table;

/**
 * A sweep as a notebook holds it: what {@link Lepton#sweep}, {@link Lepton#resumeSweep} and {@link Lepton#lastSweep()}
 * give. Its best trial is a {@link Run} like any other: {@code Lepton.lastSweep().best().promote("wine")}.
 */
public final class Sweep {

    private final SweepResult result;

    Sweep(SweepResult result) {
        this.result = result;
    }

    /** The id of the sweep's own run, the parent of its trials. */
    public String id() {
        return result.runId();
    }

    public String name() {
        return result.name();
    }

    /** FINISHED, or INTERRUPTED when an interrupt stopped it: {@link #resume(String)} goes on. */
    public RunStatus status() {
        return result.status();
    }

    /** The metric its trials are ranked by, in the direction they are ranked. */
    public Metric metric() {
        return Metric.named(result.metric()).rankedBy(result.mode());
    }

    /** The trial that reached the best value of {@link #metric()}; pruned trials count with what they reached. */
    public Run best() {
        return Lepton.run(result.best().runId());
    }

    /** Its trials' runs, by trial number (a trial that never started has no run). */
    public Runs trials() {
        return Lepton.trials(id());
    }

    /** Its trials' learning curves, parallel coordinates and the metric against each hyperparameter. */
    public Figure plot() {
        return Plots.sweep(id());
    }

    /** One row per trial: number, run, status, each hyperparameter, best and final metric, epochs, seconds. */
    public Table table() {
        return result.table();
    }

    /** How each trial ended, as the sweep saw it: its number, curve, best value and seconds. */
    public SweepResult result() {
        return result;
    }

    /** Continues this sweep, if it did not finish, on the prepared data named {@code data}. */
    public Sweep resume(String data) {
        return Lepton.resumeSweep(data, id());
    }

    /** Its trials, how many were pruned or failed, the epochs trained and the best trial. */
    @Override
    public String toString() {
        return result.toString();
    }
}
