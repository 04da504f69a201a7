package ai.lepton.track;

import ai.lepton.base.Settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;

/**
 * Where runs are kept: a SQLite file (the default) or a PostgreSQL database, through one JDBC code
 * path. Every write is one short transaction, so several kernels or processes can log into the same
 * store at once. Open with {@link #open(String)} or {@link #openDefault()}.
 *
 * <p>Every run has an owner, the {@link #user()} that started it. Everyone reads every run; only the owner
 * changes one (resumes, tags, logs to it). A shared PostgreSQL store enforces that in the database too.
 *
 * <p>The store opens the connection and checks ownership; a {@code RunWriter} records, {@code RunQueries}, {@code
 * RunFinder} and {@code MetricQueries} read back, and {@code RungRecords} coordinates sweeps' trials.
 */
public final class RunStore implements AutoCloseable {

    private final StoreConnection connection;
    private final RunWriter writer;
    private final RunQueries runs;
    private final RunFinder finder;
    private final MetricQueries metrics;
    private final RungRecords rungs;

    RunStore(StoreConnection connection) {
        this.connection = connection;
        this.writer = new RunWriter(connection);
        this.runs = new RunQueries(connection);
        this.finder = new RunFinder(runs, connection.url(), this::owns);
        this.metrics = new MetricQueries(connection);
        this.rungs = new RungRecords(connection);
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
            return new RunStore(new StoreConnection(url, connection, dialect.identity(connection), dialect));
        } catch (SQLException | IOException e) {
            throw new TrackingException(
                    "Cannot open the run store " + Secrets.storeUrl(url) + ": " + e.getMessage()
                            + ". Check LEPTON_STORE (or that LEPTON_HOME is writable).",
                    e);
        }
    }

    /** The store's URL without its query string or a password: what messages and records show. */
    public String url() {
        return connection.url();
    }

    /** The schema version of the store once open: always the one this Lepton knows, as opening upgrades it. */
    public int schemaVersion() {
        return Migrations.LATEST;
    }

    /** Who this store records as the owner of the runs started through it: the database role, or the system user. */
    public String user() {
        return connection.user();
    }

    /** Whether {@link #user()} may change {@code run}: it started it, or the run predates owners. */
    public boolean owns(RunRecord run) {
        return run.owner() == null || run.owner().equals(user());
    }

    /** Refuses, saying whose run it is and what to do instead, unless {@link #user()} may change {@code run}. */
    private void checkOwner(RunRecord run, String change) {
        if (!owns(run)) {
            throw new TrackingException(
                    "Cannot " + change + " run " + run.id() + " (" + run.name() + "): it belongs to " + run.owner()
                            + ", and you are " + user()
                            + ". Everyone may read, compare, plot and promote a colleague's run; only its owner changes it."
                            + " To build on it, start a run of your own (with the same settings, or fine-tuned from it).");
        }
    }

    /** Starts a run: RUNNING from now. */
    public Run start(String name) {
        return new Run(this, writer.start(name, null), name);
    }

    /** Starts a run as trial {@code trial.number()} of your sweep {@code trial.sweepId()}: RUNNING from now. */
    public Run startTrial(TrialOf trial) {
        return new Run(this, writer.start(trial.runName(), trial), trial.runName());
    }

    /** Continues a run that did not finish (interrupted, failed, or its process was killed): RUNNING again. */
    public Run reopen(RunRecord record) {
        checkOwner(record, "resume");
        if (record.status() == RunStatus.FINISHED) {
            throw new TrackingException(
                    "Run " + record.id() + " (" + record.name() + ") already finished; there is nothing to resume."
                            + " Start a new run, with this one as its parent if it builds on it.");
        }
        writer.reopen(record.id());
        return new Run(this, record.id(), record.name());
    }

    /** Tags one of your runs, ended or not: promotion marks the runs it packaged. */
    public void tag(String runId, String key, String value) {
        checkOwner(find(runId), "tag");
        writer.tag(runId, key, value);
    }

    /** What a live {@link Run} records through: it started the run, so it may. */
    RunWriter writer() {
        return writer;
    }

    /** Every run, newest first. */
    public List<RunRecord> runs() {
        return runs.all();
    }

    /** The newest {@code count} runs. */
    public List<RunRecord> recent(int count) {
        return runs.recent(count);
    }

    /**
     * The trials of the sweep run {@code sweepId}, by number: for each number the newest run that the sweep's owner
     * filed under it as that trial. Anything else under the sweep (a colleague's run naming it as parent) is no trial.
     */
    public SortedMap<Integer, RunRecord> trials(String sweepId) {
        return runs.trials(sweepId);
    }

    /**
     * The run {@code reference} names: its id, a name, or a unique start of an id. A name means the newest run of that
     * name that {@link #user()} started, else the newest of that name when one colleague has runs of it; when several
     * colleagues do, it is refused, listing their ids (a colleague's newer run of the same name never stands in for
     * yours). An error lists recent runs when none matches.
     */
    public RunRecord find(String reference) {
        return finder.find(reference);
    }

    /**
     * Records that trial {@code trial} of the sweep run {@code sweepId} reached {@code value} at rung {@code rung}, and
     * returns the values recorded at that rung up to and including it, in the order they arrived. One transaction under
     * a lock on the rung, so trials that decide at once (threads, processes, cluster nodes) each see exactly the values
     * that came before theirs; asking again for the same trial (a rerun) returns what it saw the first time.
     */
    public List<Double> recordRung(String sweepId, int rung, int trial, double value) {
        return rungs.record(sweepId, rung, trial, value);
    }

    /**
     * Redacts what older Lepton versions recorded of secrets (a password in {@code LEPTON_STORE}'s URL, a signed URL in
     * a parameter) in every run this store's user may change: {@code ./lepton store upgrade} runs it, in one
     * transaction.
     */
    public SecretScrub scrubSecrets() {
        return connection.writeAndRead("redact secrets the runs recorded", SecretScrub::apply);
    }

    /** A run's metric values in the order they were logged. NaN stands for a value that was not a number. */
    public List<MetricPoint> metrics(String runId) {
        return metrics.series(runId);
    }

    /**
     * The last value of each epoch-level metric of the runs {@code runIds}: run id → metric → value. Only those runs'
     * metrics are read, however many the store holds.
     */
    public Map<String, Map<String, Double>> latestMetrics(Collection<String> runIds) {
        return metrics.latest(runIds);
    }

    /** A run's artifacts: path to SHA-256. */
    public Map<String, String> artifacts(String runId) {
        return runs.artifacts(runId);
    }

    @Override
    public void close() {
        connection.close();
    }
}
