package ai.lepton;

import ai.lepton.base.LeptonException;
import ai.lepton.track.Metric;
import ai.lepton.track.MetricSummary;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunTable;
import tech.tablesaw.api.Table;

import java.util.AbstractList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs as a list of {@link Run}s ({@link Lepton#runs()}, a sweep's trials), shown in a notebook as a table: one row per
 * run with the parameters that differ between them and each metric's final value. Pick one by position,
 * {@code runs.get(0)}, or by a metric, {@code runs.best(Metric.VAL_ACCURACY)}.
 */
public final class Runs extends AbstractList<Run> {

    private final String title;
    private final List<RunRecord> records;

    Runs(String title, List<RunRecord> records) {
        this.title = title;
        this.records = List.copyOf(records);
    }

    @Override
    public Run get(int index) {
        return Run.recorded(records.get(index));
    }

    @Override
    public int size() {
        return records.size();
    }

    /**
     * The run whose best value of {@code metric} is best, in the metric's direction (the highest accuracy, the lowest
     * loss); runs that did not record it do not count. The first such run wins a tie.
     */
    public Run best(Metric metric) {
        Run best = null;
        double bestValue = Double.NaN;
        for (Run run : this) {
            Optional<MetricSummary> reached = run.metrics().find(metric);
            if (reached.isPresent() && metric.mode().better(reached.get().best(), bestValue)) {
                best = run;
                bestValue = reached.get().best();
            }
        }
        if (best == null) {
            throw new LeptonException("None of the runs in " + title + " recorded " + metric.name() + "."
                    + (records.isEmpty() ? " There are no runs in it." : " Its runs: " + names() + "."));
        }
        return best;
    }

    /** One row per run: id, name, owner, status, times, parent, the parameters that differ, each metric's final value. */
    public Table table() {
        return RunTable.of(records, Lepton.store()).setName(title);
    }

    private String names() {
        return records.stream().map(RunRecord::name).collect(Collectors.joining(", "));
    }

    /** The table as text. */
    @Override
    public String toString() {
        return table().print();
    }
}
