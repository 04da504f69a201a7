package ai.lepton.track;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads runs back as {@link RunRecord}s, each with its parameters and tags: by id, name, start of an id, age, or as the
 * trials of a sweep. Rows are read by column name; a run's parameters and tags come in one query per table, whatever
 * the number of runs.
 */
final class RunQueries {

    private static final String RUN_COLUMNS =
            "id, name, owner, status, started_at, ended_at, parent_id, trial, environment, lineage";

    private final StoreConnection store;

    RunQueries(StoreConnection store) {
        this.store = store;
    }

    /** Every run, newest first. */
    List<RunRecord> all() {
        return select("list runs", "ORDER BY started_at DESC, id");
    }

    /** The newest {@code count} runs. */
    List<RunRecord> recent(int count) {
        return select("list recent runs", "ORDER BY started_at DESC, id LIMIT ?", count);
    }

    /** For each trial number of the sweep {@code sweepId}, the newest run its owner filed under that number. */
    SortedMap<Integer, RunRecord> trials(String sweepId) {
        SortedMap<Integer, RunRecord> trials = new TreeMap<>();
        select(
                        "list the trials of " + sweepId,
                        "WHERE parent_id = ? AND trial > 0"
                                + " AND COALESCE(owner, '') = COALESCE((SELECT owner FROM runs WHERE id = ?), '')"
                                + " ORDER BY started_at DESC, id",
                        sweepId,
                        sweepId)
                .forEach(run -> trials.putIfAbsent(run.trial(), run)); // newest first: a rerun replaces its trial
        return trials;
    }

    /** The run with id {@code id}, if any: a list of one or none. */
    List<RunRecord> withId(String id) {
        return select("find run " + id, "WHERE id = ?", id);
    }

    /** The runs named {@code name}, newest first. */
    List<RunRecord> named(String name) {
        return select("find run " + name, "WHERE name = ? ORDER BY started_at DESC, id", name);
    }

    /** Up to two runs whose id starts with {@code prefix}: enough to tell whether it names one. */
    List<RunRecord> withIdStarting(String prefix) {
        String pattern = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return select("find run " + prefix, "WHERE id LIKE ? ESCAPE '!' LIMIT 2", pattern);
    }

    /** The names runs have. */
    List<String> names() {
        return store.read("list run names", connection -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT name FROM runs");
                    ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    names.add(result.getString("name"));
                }
            }
            return names;
        });
    }

    /** A run's artifacts: path to SHA-256. */
    Map<String, String> artifacts(String runId) {
        return store.read("read artifacts of run " + runId, connection -> {
            Map<String, String> artifacts = new LinkedHashMap<>();
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT path, sha256 FROM artifacts WHERE run_id = ? ORDER BY path")) {
                query.setString(1, runId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        artifacts.put(rows.getString("path"), rows.getString("sha256"));
                    }
                }
            }
            return artifacts;
        });
    }

    /** The runs {@code clause} selects (a WHERE, ORDER BY and LIMIT on the runs table), with parameters and tags. */
    private List<RunRecord> select(String what, String clause, Object... arguments) {
        return store.read(what, connection -> {
            List<RunRecord> rows = new ArrayList<>();
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT " + RUN_COLUMNS + " FROM runs " + clause)) {
                for (int i = 0; i < arguments.length; i++) {
                    query.setObject(i + 1, arguments[i]);
                }
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.add(runOf(result));
                    }
                }
            }
            List<String> ids = rows.stream().map(RunRecord::id).toList();
            Map<String, Map<String, String>> params = keyValues(connection, "params", ids);
            Map<String, Map<String, String>> tags = keyValues(connection, "tags", ids);
            return rows.stream()
                    .map(run -> run.withParamsAndTags(
                            params.getOrDefault(run.id(), Map.of()), tags.getOrDefault(run.id(), Map.of())))
                    .toList();
        });
    }

    /** The key-value rows of {@code table} (params or tags) of runs {@code ids}: run id → key → value. */
    private Map<String, Map<String, String>> keyValues(Connection connection, String table, List<String> ids)
            throws SQLException {
        Map<String, Map<String, String>> byRun = new HashMap<>();
        if (ids.isEmpty()) {
            return byRun;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT run_id, key, value FROM " + table + " WHERE "
                + store.dialect().isOneOf("run_id") + " ORDER BY key")) {
            store.dialect().bindIds(query, 1, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byRun.computeIfAbsent(rows.getString("run_id"), id -> new LinkedHashMap<>())
                            .put(rows.getString("key"), rows.getString("value"));
                }
            }
        }
        return byRun;
    }

    /** A row of the runs table, its parameters and tags not read yet. */
    private static RunRecord runOf(ResultSet row) throws SQLException {
        long endedAt = row.getLong("ended_at");
        Instant ended = row.wasNull() ? null : Instant.ofEpochMilli(endedAt);
        int trial = row.getInt("trial");
        Integer trialNumber = row.wasNull() ? null : trial;
        return new RunRecord(
                row.getString("id"),
                row.getString("name"),
                row.getString("owner"),
                RunStatus.valueOf(row.getString("status")),
                Instant.ofEpochMilli(row.getLong("started_at")),
                ended,
                row.getString("parent_id"),
                trialNumber,
                Map.of(),
                Map.of(),
                row.getString("environment"),
                Lineage.fromJson(row.getString("lineage")));
    }
}
