package ai.lepton.track;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Runs as a Tablesaw table, one row per run: id, name, owner, status, start, duration, parent, the
 * hyperparameters that differ between the runs shown, and each metric's final value. Everything comes
 * from the store, so the table looks the same after a kernel restart.
 */
public final class RunTable {

    private static final DateTimeFormatter START =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private RunTable() {}

    /** {@code runs} as a table, with the latest metrics {@code store} holds of them (and only of them). */
    public static Table of(List<RunRecord> runs, RunStore store) {
        return of(runs, store.latestMetrics(runs.stream().map(RunRecord::id).toList()));
    }

    private static Table of(List<RunRecord> runs, Map<String, Map<String, Double>> latest) {
        Table table = Table.create(
                "runs",
                StringColumn.create("id", runs.stream().map(RunRecord::id).toList()),
                StringColumn.create("name", runs.stream().map(RunRecord::name).toList()),
                StringColumn.create(
                        "owner",
                        runs.stream()
                                .map(run -> run.owner() == null ? "" : run.owner())
                                .toList()),
                StringColumn.create(
                        "status", runs.stream().map(run -> run.status().name()).toList()),
                StringColumn.create(
                        "started",
                        runs.stream().map(run -> START.format(run.startedAt())).toList()),
                DoubleColumn.create(
                        "seconds", runs.stream().mapToDouble(run -> seconds(run.startedAt(), run.endedAt()))),
                StringColumn.create(
                        "parent",
                        runs.stream()
                                .map(run -> run.parentId() == null ? "" : run.parentId())
                                .toList()));
        TreeSet<String> keys = new TreeSet<>();
        runs.forEach(run -> keys.addAll(run.params().keySet()));
        for (String key : keys) {
            List<String> values =
                    runs.stream().map(run -> run.params().getOrDefault(key, "")).toList();
            if (runs.size() == 1 || values.stream().distinct().count() > 1) { // only what tells the runs apart
                table.addColumns(StringColumn.create(key, values));
            }
        }
        TreeSet<String> metrics = new TreeSet<>();
        runs.forEach(
                run -> metrics.addAll(latest.getOrDefault(run.id(), Map.of()).keySet()));
        for (String metric : metrics) {
            table.addColumns(DoubleColumn.create(
                    metric,
                    runs.stream()
                            .mapToDouble(run ->
                                    latest.getOrDefault(run.id(), Map.of()).getOrDefault(metric, Double.NaN))));
        }
        return table;
    }

    private static double seconds(Instant start, Instant end) {
        return Duration.between(start, end == null ? Instant.now() : end).toMillis() / 1000.0;
    }
}
