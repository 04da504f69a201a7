package ai.lepton.sweep;

import ai.lepton.track.Metric;
import ai.lepton.track.Mode;
import ai.lepton.track.RunStatus;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A sweep's trials and its best one. The best trial is a run like any other: promote it, compare it, or
 * fine-tune from it.
 *
 * @param runId  the sweep's own run
 * @param status FINISHED, or INTERRUPTED when a notebook interrupt stopped it (resume it to go on)
 */
public record SweepResult(
        String runId, String name, String metric, Mode mode, RunStatus status, List<TrialResult> trials) {

    public SweepResult {
        trials = List.copyOf(trials);
    }

    /** The trial with the best metric; pruned trials count with what they reached. */
    public Optional<TrialResult> bestTrial() {
        return trials.stream()
                .filter(trial -> !Double.isNaN(trial.best()))
                .min(Comparator.comparing(TrialResult::best, mode.bestFirst()));
    }

    /** The best trial; an error when no trial reported the metric. */
    public TrialResult best() {
        return bestTrial()
                .orElseThrow(() -> new SweepException("Sweep " + name + " has no trial that reported " + metric + "."));
    }

    /** Epochs trained over all trials: the sweep's cost. */
    public int totalEpochs() {
        return trials.stream().mapToInt(TrialResult::epochs).sum();
    }

    public long count(RunStatus status) {
        return trials.stream().filter(trial -> trial.status() == status).count();
    }

    /** One row per trial: number, run, status, each hyperparameter, best and final metric, epochs trained, seconds. */
    public Table table() {
        Table table = Table.create(name);
        table.addColumns(
                IntColumn.create(
                        "trial", trials.stream().mapToInt(TrialResult::number).toArray()),
                StringColumn.create("run", trials.stream().map(trial -> String.valueOf(trial.runId()))),
                StringColumn.create(
                        "status", trials.stream().map(trial -> trial.status().name())));
        List<String> names = trials.isEmpty()
                ? List.of()
                : List.copyOf(trials.getFirst().params().keySet());
        for (String param : names) {
            boolean numeric = trials.stream().allMatch(trial -> trial.params().get(param) instanceof Number);
            if (numeric) {
                table.addColumns(DoubleColumn.create(
                        param,
                        trials.stream()
                                .mapToDouble(trial -> ((Number) trial.params().get(param)).doubleValue())));
            } else {
                table.addColumns(StringColumn.create(
                        param,
                        trials.stream()
                                .map(trial -> String.valueOf(trial.params().get(param)))));
            }
        }
        table.addColumns(
                DoubleColumn.create(
                        Metric.named(metric).best().name(), trials.stream().mapToDouble(TrialResult::best)),
                DoubleColumn.create("final_" + metric, trials.stream().mapToDouble(TrialResult::last)),
                IntColumn.create(
                        "epochs_trained",
                        trials.stream().mapToInt(TrialResult::epochs).toArray()),
                DoubleColumn.create("seconds", trials.stream().mapToDouble(TrialResult::seconds)));
        return table;
    }

    /** The hyperparameters that differ between trials, in declaration order. */
    public List<String> variedParams() {
        if (trials.isEmpty()) {
            return List.of();
        }
        return trials.getFirst().params().keySet().stream()
                .filter(param -> trials.stream()
                                .map(trial -> trial.params().get(param))
                                .distinct()
                                .count()
                        > 1)
                .toList();
    }

    @Override
    public String toString() {
        String best = bestTrial()
                .map(trial -> ", best trial " + trial.number() + " (run " + trial.runId() + ") " + metric + " "
                        + String.format(Locale.ROOT, "%.4f", trial.best()))
                .orElse("");
        return "Sweep " + name + " (run " + runId + ") " + status + ": " + trials.size() + " trials, "
                + count(RunStatus.PRUNED) + " pruned, " + count(RunStatus.FAILED) + " failed, " + totalEpochs()
                + " epochs" + best;
    }
}
