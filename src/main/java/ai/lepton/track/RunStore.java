package ai.lepton.track;

import ai.lepton.base.Settings;
import ai.lepton.base.Suggestions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Where runs are kept: a SQLite file (the default) or a PostgreSQL database, through one JDBC code
 * path. Every write is one short transaction, so several kernels or processes can log into the same
 * store at once. Open with {@link #open(String)} or {@link #openDefault()}.
 *
 * <p>Every run has an owner, the {@link #user()} that started it. Everyone reads every run; only the owner
 * changes one (resumes, tags, logs to it). A shared PostgreSQL store enforces that in the database too.
 */
public final class RunStore implements AutoCloseable {

    /** Beyond this many runs, their parameters and tags are read in one scan rather than by id. */
    private static final int IN_LIST_LIMIT = 500;

    private final String url;
    private final Connection connection;
    private final String user;
    private final StoreDialect dialect;

    private RunStore(String url, Connection connection, String user, StoreDialect dialect) {
        this.url = url;
        this.connection = connection;
        this.user = user;
        this.dialect = dialect;
    }

    /** The store {@code LEPTON_STORE} names, or the SQLite file {@code runs.db} in {@code LEPTON_HOME}. */
    public static RunStore openDefault() {
        return open(Settings.STORE.get());
    }

    /** Opens (and creates or upgrades) the store at a JDBC URL. */
    public static RunStore open(String url) {
        StoreDialect dialect = StoreDialect.of(url);
        try {
            Properties properties = new Properties();
            if (dialect == StoreDialect.SQLITE) {
                Files.createDirectories(Path.of(url.substring("jdbc:sqlite:".length()))
                        .toAbsolutePath()
                        .getParent());
                properties.setProperty("busy_timeout", String.valueOf(StoreDialect.BUSY_TIMEOUT_MS));
                // take the write lock when a transaction begins, so two writers queue instead of deadlocking on upgrade
                properties.setProperty("transaction_mode", "IMMEDIATE");
            }
            Connection connection = DriverManager.getConnection(url, properties);
            dialect.configure(connection);
            Migrations.migrate(connection, dialect);
            return new RunStore(url, connection, dialect.identity(connection), dialect);
        } catch (SQLException | IOException e) {
            throw new TrackingException(
                    "Cannot open the run store " + Secrets.storeUrl(url) + ": " + e.getMessage()
                            + ". Check LEPTON_STORE (or that LEPTON_HOME is writable).",
                    e);
        }
    }

    /** The store's URL without its query string or a password: what messages and records show. */
    public String url() {
        return Secrets.storeUrl(url);
    }

    /** The schema version of the store once open: always the one this Lepton knows, as opening upgrades it. */
    public int schemaVersion() {
        return Migrations.LATEST;
    }

    /** Who this store records as the owner of the runs started through it: the database role, or the system user. */
    public String user() {
        return user;
    }

    /** Whether {@link #user()} may change {@code run}: it started it, or the run predates owners. */
    public boolean owns(RunRecord run) {
        return run.owner() == null || run.owner().equals(user);
    }

    /** Refuses, saying whose run it is and what to do instead, unless {@link #user()} may change {@code run}. */
    private void checkOwner(RunRecord run, String change) {
        if (!owns(run)) {
            throw new TrackingException(
                    "Cannot " + change + " run " + run.id() + " (" + run.name() + "): it belongs to " + run.owner()
                            + ", and you are " + user
                            + ". Everyone may read, compare, plot and promote a colleague's run; only its owner changes it."
                            + " To build on it, start a run of your own (with the same settings, or fine-tuned from it).");
        }
    }

    /** Starts a run: RUNNING from now. */
    public Run start(String name) {
        return insertRun(name, null);
    }

    /** Starts a run as trial {@code trial.number()} of your sweep {@code trial.sweepId()}: RUNNING from now. */
    public Run startTrial(TrialOf trial) {
        return insertRun(trial.runName(), trial);
    }

    private Run insertRun(String name, TrialOf trial) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        write("start run " + name, connection -> {
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
                insert.setString(7, user);
                insert.executeUpdate();
            }
        });
        return new Run(this, id, name);
    }

    /** Continues a run that did not finish (interrupted, failed, or its process was killed): RUNNING again. */
    public Run reopen(RunRecord record) {
        checkOwner(record, "resume");
        if (record.status() == RunStatus.FINISHED) {
            throw new TrackingException(
                    "Run " + record.id() + " (" + record.name() + ") already finished; there is nothing to resume."
                            + " Start a new run, with this one as its parent if it builds on it.");
        }
        write("reopen run " + record.id(), connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE runs SET status = 'RUNNING', ended_at = NULL WHERE id = ?")) {
                update.setString(1, record.id());
                update.executeUpdate();
            }
        });
        return new Run(this, record.id(), record.name());
    }

    void insertParams(String runId, Map<String, ?> params) {
        write("record parameters of run " + runId, connection -> {
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

    void insertMetrics(String runId, List<MetricPoint> points) {
        write("record metrics of run " + runId, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO metrics (run_id, name, step, epoch, value, logged_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (MetricPoint point : points) {
                    insert.setString(1, runId);
                    insert.setString(2, point.name());
                    insert.setLong(3, point.step());
                    insert.setInt(4, point.epoch());
                    if (Double.isFinite(point.value())) {
                        insert.setDouble(5, point.value());
                    } else {
                        insert.setNull(5, Types.DOUBLE);
                    }
                    insert.setLong(6, point.timestamp());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** Tags one of your runs, ended or not: promotion marks the runs it packaged. */
    public void tag(String runId, String key, String value) {
        checkOwner(find(runId), "tag");
        putTag(runId, key, value);
    }

    void putTag(String runId, String key, String value) {
        write("tag run " + runId, connection -> {
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

    void putArtifact(String runId, String path, String sha256, long bytes) {
        write("record artifact " + path + " of run " + runId, connection -> {
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

    /** Sets the environment or lineage column. */
    void updateJson(String runId, String column, String json) {
        if (!column.equals("environment") && !column.equals("lineage")) {
            throw new IllegalArgumentException(column);
        }
        write("record the " + column + " of run " + runId, connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE runs SET " + column + " = ? WHERE id = ?")) {
                update.setString(1, json);
                update.setString(2, runId);
                update.executeUpdate();
            }
        });
    }

    void finish(String runId, RunStatus status) {
        write("finish run " + runId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE runs SET status = ?, ended_at = ? WHERE id = ? AND status = 'RUNNING'")) {
                update.setString(1, status.name());
                update.setLong(2, System.currentTimeMillis());
                update.setString(3, runId);
                update.executeUpdate();
            }
        });
    }

    /** Every run, newest first. */
    public List<RunRecord> runs() {
        return records("list runs", "ORDER BY started_at DESC, id");
    }

    /** The newest {@code count} runs. */
    public List<RunRecord> recent(int count) {
        return records("list recent runs", "ORDER BY started_at DESC, id LIMIT ?", count);
    }

    /**
     * The trials of the sweep run {@code sweepId}, by number: for each number the newest run that the sweep's owner
     * filed under it as that trial. Anything else under the sweep (a colleague's run naming it as parent) is no trial.
     */
    public SortedMap<Integer, RunRecord> trials(String sweepId) {
        SortedMap<Integer, RunRecord> trials = new TreeMap<>();
        records(
                        "list the trials of " + sweepId,
                        "WHERE parent_id = ? AND trial > 0"
                                + " AND COALESCE(owner, '') = COALESCE((SELECT owner FROM runs WHERE id = ?), '')"
                                + " ORDER BY started_at DESC, id",
                        sweepId,
                        sweepId)
                .forEach(run -> trials.putIfAbsent(run.trial(), run)); // newest first: a rerun replaces its trial
        return trials;
    }

    /**
     * The run {@code reference} names: its id, a name, or a unique start of an id. A name means the newest run of that
     * name that {@link #user()} started, else the newest of that name when one colleague has runs of it; when several
     * colleagues do, it is refused, listing their ids (a colleague's newer run of the same name never stands in for
     * yours). An error lists recent runs when none matches.
     */
    public RunRecord find(String reference) {
        List<RunRecord> exact = records("find run " + reference, "WHERE id = ?", reference);
        if (!exact.isEmpty()) {
            return exact.getFirst();
        }
        List<RunRecord> byName =
                records("find run " + reference, "WHERE name = ? ORDER BY started_at DESC, id", reference);
        if (!byName.isEmpty()) {
            return newestOfOneOwner(reference, byName);
        }
        String prefix = reference.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        List<RunRecord> byPrefix = records("find run " + reference, "WHERE id LIKE ? ESCAPE '!' LIMIT 2", prefix);
        if (byPrefix.size() == 1) {
            return byPrefix.getFirst();
        }
        List<RunRecord> recent = recent(5);
        throw new TrackingException("No run is named or has the id '" + reference + "' in " + url() + "."
                + (byPrefix.size() > 1 ? " Several ids start with it: give more of the id." : "")
                + Suggestions.didYouMean("", reference, names())
                + (recent.isEmpty()
                        ? " The store has no runs yet."
                        : " Recent: "
                                + String.join(
                                        ", ",
                                        recent.stream()
                                                .map(run -> run.id() + " (" + run.name() + ")")
                                                .toList())
                                + "."));
    }

    /** Of the runs named {@code name} (newest first), yours, else the only owner's; refused when several own some. */
    private RunRecord newestOfOneOwner(String name, List<RunRecord> named) {
        Optional<RunRecord> yours = named.stream().filter(this::owns).findFirst();
        if (yours.isPresent()) {
            return yours.get();
        }
        Map<String, RunRecord> newestByOwner = new LinkedHashMap<>();
        named.forEach(run -> newestByOwner.putIfAbsent(run.owner(), run));
        if (newestByOwner.size() == 1) {
            return named.getFirst();
        }
        throw new TrackingException("Runs named '" + name + "' belong to several colleagues: "
                + String.join(
                        ", ",
                        newestByOwner.values().stream()
                                .map(run -> run.owner() + " (newest: " + run.id() + ")")
                                .toList())
                + ". Name the one you mean by its id.");
    }

    /** The names runs have, for "did you mean". */
    private List<String> names() {
        return read("list run names", connection -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT name FROM runs");
                    ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    names.add(result.getString(1));
                }
            }
            return names;
        });
    }

    /** The runs {@code clause} selects (a WHERE and ORDER BY on the runs table), with their parameters and tags. */
    private List<RunRecord> records(String what, String clause, Object... arguments) {
        return read(what, connection -> {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, name, status, started_at, ended_at, parent_id, environment, lineage, owner, trial FROM runs "
                            + clause)) {
                for (int i = 0; i < arguments.length; i++) {
                    query.setObject(i + 1, arguments[i]);
                }
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        String[] row = new String[10];
                        for (int column = 0; column < row.length; column++) {
                            row[column] = result.getString(column + 1);
                        }
                        rows.add(row);
                    }
                }
            }
            List<String> ids = rows.stream().map(row -> row[0]).toList();
            Map<String, Map<String, String>> params = keyValues(connection, "params", ids);
            Map<String, Map<String, String>> tags = keyValues(connection, "tags", ids);
            List<RunRecord> runs = new ArrayList<>();
            for (String[] row : rows) {
                runs.add(new RunRecord(
                        row[0],
                        row[1],
                        row[8],
                        RunStatus.valueOf(row[2]),
                        Instant.ofEpochMilli(Long.parseLong(row[3])),
                        row[4] == null ? null : Instant.ofEpochMilli(Long.parseLong(row[4])),
                        row[5],
                        row[9] == null ? null : Integer.valueOf(row[9]),
                        params.getOrDefault(row[0], Map.of()),
                        tags.getOrDefault(row[0], Map.of()),
                        row[6],
                        Lineage.fromJson(row[7])));
            }
            return runs;
        });
    }

    /**
     * Records that trial {@code trial} of the sweep run {@code sweepId} reached {@code value} at rung {@code rung}, and
     * returns the values recorded at that rung up to and including it, in the order they arrived. One transaction under
     * a lock on the rung, so trials that decide at once (threads, processes, cluster nodes) each see exactly the values
     * that came before theirs; asking again for the same trial (a rerun) returns what it saw the first time.
     */
    public List<Double> recordRung(String sweepId, int rung, int trial, double value) {
        return writeAndRead("record trial " + trial + " at rung " + rung + " of sweep " + sweepId, transaction -> {
            dialect.lockRung(transaction, sweepId + ":" + rung);
            try (PreparedStatement insert =
                    transaction.prepareStatement("INSERT INTO rung_results (sweep_id, rung, trial, value, arrival)"
                            + " SELECT ?, ?, ?, ?, COALESCE(MAX(arrival), 0) + 1 FROM rung_results"
                            + " WHERE sweep_id = ? AND rung = ? ON CONFLICT DO NOTHING")) {
                insert.setString(1, sweepId);
                insert.setInt(2, rung);
                insert.setInt(3, trial);
                if (Double.isNaN(value)) {
                    insert.setNull(4, Types.DOUBLE);
                } else {
                    insert.setDouble(4, value);
                }
                insert.setString(5, sweepId);
                insert.setInt(6, rung);
                insert.executeUpdate();
            }
            List<Double> values = new ArrayList<>();
            try (PreparedStatement select = transaction.prepareStatement(
                    "SELECT value FROM rung_results WHERE sweep_id = ? AND rung = ? AND arrival <= (SELECT arrival"
                            + " FROM rung_results WHERE sweep_id = ? AND rung = ? AND trial = ?) ORDER BY arrival")) {
                select.setString(1, sweepId);
                select.setInt(2, rung);
                select.setString(3, sweepId);
                select.setInt(4, rung);
                select.setInt(5, trial);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        double recorded = rows.getDouble(1);
                        values.add(rows.wasNull() ? Double.NaN : recorded);
                    }
                }
            }
            return values;
        });
    }

    /**
     * Redacts what older Lepton versions recorded of secrets (a password in {@code LEPTON_STORE}'s URL, a signed URL in
     * a parameter) in every run this store's user may change: {@code ./lepton store upgrade} runs it, in one
     * transaction.
     */
    public SecretScrub scrubSecrets() {
        return writeAndRead("redact secrets the runs recorded", SecretScrub::apply);
    }

    /** A run's metric values in the order they were logged. NaN stands for a value that was not a number. */
    public List<MetricPoint> metrics(String runId) {
        return read("read metrics of run " + runId, connection -> {
            List<MetricPoint> points = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT name, step, epoch, value, logged_at FROM metrics WHERE run_id = ? ORDER BY step, name, logged_at")) {
                query.setString(1, runId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        points.add(new MetricPoint(
                                rows.getString(1),
                                rows.getLong(2),
                                rows.getInt(3),
                                metricValue(rows, 4),
                                rows.getLong(5)));
                    }
                }
            }
            return points;
        });
    }

    /** The last value of each epoch-level metric of every run: run id → metric → value. */
    public Map<String, Map<String, Double>> latestMetrics() {
        return read("read the latest metrics", connection -> {
            Map<String, Map<String, Double>> latest = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                            "SELECT m.run_id, m.name, m.value FROM metrics m JOIN"
                                    + " (SELECT run_id, name, MAX(step) AS step FROM metrics WHERE name <> 'step_loss' GROUP BY run_id, name) last"
                                    + " ON m.run_id = last.run_id AND m.name = last.name AND m.step = last.step ORDER BY m.name");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    latest.computeIfAbsent(rows.getString(1), id -> new LinkedHashMap<>())
                            .put(rows.getString(2), metricValue(rows, 3));
                }
            }
            return latest;
        });
    }

    /** A run's artifacts: path to SHA-256. */
    public Map<String, String> artifacts(String runId) {
        return read("read artifacts of run " + runId, connection -> {
            Map<String, String> artifacts = new LinkedHashMap<>();
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT path, sha256 FROM artifacts WHERE run_id = ? ORDER BY path")) {
                query.setString(1, runId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        artifacts.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            return artifacts;
        });
    }

    /** A metric value column: NULL stands for NaN, which SQLite cannot store. */
    private static double metricValue(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? Double.NaN : value;
    }

    /** The key-value rows of {@code table} (params or tags) of runs {@code ids}. */
    private static Map<String, Map<String, String>> keyValues(Connection connection, String table, List<String> ids)
            throws SQLException {
        Map<String, Map<String, String>> byRun = new HashMap<>();
        if (ids.isEmpty()) {
            return byRun;
        }
        boolean all = ids.size() > IN_LIST_LIMIT; // many runs: one scan of the table beats a long IN list
        String where = all
                ? ""
                : " WHERE run_id IN ("
                        + String.join(", ", ids.stream().map(id -> "?").toList()) + ")";
        try (PreparedStatement query =
                connection.prepareStatement("SELECT run_id, key, value FROM " + table + where + " ORDER BY key")) {
            if (!all) {
                for (int i = 0; i < ids.size(); i++) {
                    query.setString(i + 1, ids.get(i));
                }
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byRun.computeIfAbsent(rows.getString(1), id -> new LinkedHashMap<>())
                            .put(rows.getString(2), rows.getString(3));
                }
            }
        }
        return byRun;
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** One write as one transaction: all of it or none. */
    private void write(String what, Work work) {
        writeAndRead(what, transaction -> {
            work.run(transaction);
            return null;
        });
    }

    /** One transaction that writes and reads back what it needs. */
    private synchronized <T> T writeAndRead(String what, Transaction.Work<T> work) {
        try {
            return Transaction.run(connection, work);
        } catch (SQLException e) {
            if (StoreDialect.isPermissionDenied(e)) { // the database's own check, for a write that got past checkOwner
                throw new TrackingException(
                        "Could not " + what + " in " + url() + ": the store refused it for " + user + " ("
                                + e.getMessage() + "). Runs are changed only by their owners; start a run of your own.",
                        e);
            }
            throw new TrackingException("Could not " + what + " in " + url() + ": " + e.getMessage(), e);
        }
    }

    private synchronized <T> T read(String what, Transaction.Work<T> query) {
        try {
            return query.run(connection);
        } catch (SQLException e) {
            throw new TrackingException("Could not " + what + " in " + url() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing is best effort: every write was already committed
        }
    }
}
