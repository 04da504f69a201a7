package ai.lepton.track;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a run records, each as one short transaction: its row, parameters, metrics, tags, artifacts, environment
 * and lineage, and how it ends. Secrets in parameters and tags are redacted on the way in. Whether the store's user may
 * change a run is {@link RunStore}'s to check before; on a shared PostgreSQL store the database checks it again.
 */
final class RunWriter {

    private final StoreConnection store;

    RunWriter(StoreConnection store) {
        this.store = store;
    }

    /** Inserts a RUNNING run owned by the store's user, as trial {@code trial} when it is one; returns its new id. */
    String start(String name, TrialOf trial) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        store.write("start run " + name, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO runs (id, name, status, started_at, parent_id, trial, owner) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, name);
                insert.setString(3, RunStatus.RUNNING.name());
                insert.setLong(4, System.currentTimeMillis());
                insert.setString(5, trial == null ? null : trial.sweepId());
                if (trial == null) {
                    insert.setNull(6, Types.INTEGER);
                } else {
                    insert.setInt(6, trial.number());
                }
                insert.setString(7, store.user());
                insert.executeUpdate();
            }
        });
        return id;
    }

    /** Marks the run RUNNING again, with no end. */
    void reopen(String runId) {
        store.write("reopen run " + runId, connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE runs SET status = 'RUNNING', ended_at = NULL WHERE id = ?")) {
                update.setString(1, runId);
                update.executeUpdate();
            }
        });
    }

    void params(String runId, Map<String, ?> params) {
        store.write("record parameters of run " + runId, connection -> {
            try (PreparedStatement upsert =
                    connection.prepareStatement("INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)"
                            + " ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value")) {
                for (Map.Entry<String, ?> param : params.entrySet()) {
                    upsert.setString(1, runId);
                    upsert.setString(2, param.getKey());
                    upsert.setString(3, Secrets.redact(param.getKey(), String.valueOf(param.getValue())));
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        });
    }

    void metrics(String runId, List<MetricPoint> points) {
        store.write("record metrics of run " + runId, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO metrics (run_id, name, step, epoch, value, logged_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (MetricPoint point : points) {
                    insert.setString(1, runId);
                    insert.setString(2, point.name());
                    insert.setLong(3, point.step());
                    insert.setInt(4, point.epoch());
                    // infinities are kept as NaN too, as the store always has
                    StoredDoubles.bind(insert, 5, Double.isFinite(point.value()) ? point.value() : Double.NaN);
                    insert.setLong(6, point.timestamp());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    void tag(String runId, String key, String value) {
        store.write("tag run " + runId, connection -> {
            try (PreparedStatement upsert =
                    connection.prepareStatement("INSERT INTO tags (run_id, key, value) VALUES (?, ?, ?)"
                            + " ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value")) {
                upsert.setString(1, runId);
                upsert.setString(2, key);
                upsert.setString(3, Secrets.redact(key, value)); // a failure's message may quote a URL
                upsert.executeUpdate();
            }
        });
    }

    void artifact(String runId, String path, String sha256, long bytes) {
        store.write("record artifact " + path + " of run " + runId, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO artifacts (run_id, path, sha256, bytes) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (run_id, path) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes")) {
                upsert.setString(1, runId);
                upsert.setString(2, path);
                upsert.setString(3, sha256);
                upsert.setLong(4, bytes);
                upsert.executeUpdate();
            }
        });
    }

    /** What the run ran on, as {@link RunEnvironment} collected it (JSON). */
    void environment(String runId, String json) {
        setJson(runId, "environment", json);
    }

    /** What the run learnt from. */
    void lineage(String runId, Lineage lineage) {
        setJson(runId, "lineage", lineage.toJson());
    }

    private void setJson(String runId, String column, String json) {
        store.write("record the " + column + " of run " + runId, connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE runs SET " + column + " = ? WHERE id = ?")) {
                update.setString(1, json);
                update.setString(2, runId);
                update.executeUpdate();
            }
        });
    }

    /** Ends the run with {@code status} unless it has ended already. */
    void finish(String runId, RunStatus status) {
        store.write("finish run " + runId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE runs SET status = ?, ended_at = ? WHERE id = ? AND status = 'RUNNING'")) {
                update.setString(1, status.name());
                update.setLong(2, System.currentTimeMillis());
                update.setString(3, runId);
                update.executeUpdate();
            }
        });
    }
}
