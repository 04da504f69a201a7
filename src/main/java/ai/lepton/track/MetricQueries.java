package ai.lepton.track;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads runs' metrics back: one run's whole series, or the latest value of each metric of the runs asked for, never of
 * others (a store holds thousands of runs; a table shows a few).
 */
final class MetricQueries {

    private final StoreConnection store;

    MetricQueries(StoreConnection store) {
        this.store = store;
    }

    /** A run's metric values in the order they were logged. */
    List<MetricPoint> series(String runId) {
        return store.read("read metrics of run " + runId, connection -> {
            List<MetricPoint> points = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT name, step, epoch, value, logged_at FROM metrics WHERE run_id = ? ORDER BY step, name, logged_at")) {
                query.setString(1, runId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        points.add(new MetricPoint(
                                rows.getString("name"),
                                rows.getLong("step"),
                                rows.getInt("epoch"),
                                StoredDoubles.read(rows, "value"),
                                rows.getLong("logged_at")));
                    }
                }
            }
            return points;
        });
    }

    /**
     * The value at the last step of each epoch-level metric (every metric but the per-step loss) of the runs {@code
     * runIds}: run id → metric → value. One query, reading only those runs' rows.
     */
    Map<String, Map<String, Double>> latest(Collection<String> runIds) {
        Map<String, Map<String, Double>> latest = new HashMap<>();
        if (runIds.isEmpty()) {
            return latest;
        }
        return store.read("read the latest metrics of " + runIds.size() + " run(s)", connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT m.run_id, m.name, m.value FROM metrics m"
                    + " JOIN (SELECT run_id, name, MAX(step) AS step FROM metrics WHERE "
                    + store.dialect().isOneOf("run_id") + " AND name <> '" + Metric.STEP_LOSS.name()
                    + "' GROUP BY run_id, name) last"
                    + " ON m.run_id = last.run_id AND m.name = last.name AND m.step = last.step ORDER BY m.name")) {
                store.dialect().bindIds(query, 1, runIds);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        latest.computeIfAbsent(rows.getString("run_id"), id -> new LinkedHashMap<>())
                                .put(rows.getString("name"), StoredDoubles.read(rows, "value"));
                    }
                }
            }
            return latest;
        });
    }
}
