package ai.lepton.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.base.Setting;
import ai.lepton.base.Settings;
import ai.lepton.base.Sha256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.ProgressHandler;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The run store on SQLite and on a real PostgreSQL server, through the same code. */
class RunStoreTest {

    private static PostgresServer postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws IOException, InterruptedException {
        postgres =
                PostgresServer.unavailable() == null ? PostgresServer.start() : null; // SQLite's tests run without it
    }

    @AfterAll
    static void stopPostgres() throws IOException, InterruptedException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private String url(String kind) {
        if (kind.equals("sqlite")) {
            return "jdbc:sqlite:" + dir.resolve("store/runs.db");
        }
        Assumptions.assumeTrue(postgres != null, PostgresServer::unavailable);
        return postgres.url();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aRunKeepsWhatItLogged(String kind) throws IOException {
        Path weights = Files.writeString(dir.resolve("model.params"), "weights");
        String id;
        try (RunStore store = RunStore.open(url(kind))) {
            Run run = store.start("mlp-" + kind);
            id = run.id();
            run.params(Map.of("lr", 0.001, "hidden", List.of(64, 32)));
            run.metric("loss", 0.9, 1, 1);
            run.metric("loss", Double.NaN, 2, 1);
            run.metric("val_accuracy", 0.75, 2, 1);
            run.tag("purpose", "test");
            run.lineage(Lineage.ofTable("penguins", "abc", null, null, 10, 2, List.of("a", "b")));
            run.artifact("model.params", weights);
            run.finish(RunStatus.FINISHED);
        }
        try (RunStore reopened = RunStore.open(url(kind))) {
            RunRecord run = reopened.find(id);
            assertEquals(RunStatus.FINISHED, run.status());
            assertNotNull(run.endedAt());
            assertEquals(Map.of("lr", "0.001", "hidden", "[64, 32]"), run.params());
            assertEquals(Map.of("purpose", "test"), run.tags());
            assertEquals("abc", run.lineage().datasetFingerprint());
            assertEquals(List.of("a", "b"), run.lineage().labels());
            List<MetricPoint> metrics = reopened.metrics(id);
            assertEquals(3, metrics.size());
            List<MetricPoint> losses = metrics.stream()
                    .filter(point -> point.name().equals("loss"))
                    .toList();
            assertEquals(0.9, losses.get(0).value());
            assertTrue(Double.isNaN(losses.get(1).value()), "a NaN loss is kept as NaN");
            assertEquals(
                    Sha256.of("weights".getBytes(StandardCharsets.UTF_8)).hex(),
                    reopened.artifacts(id).get("model.params"));
            assertEquals(id, reopened.find(id.substring(0, 6)).id(), "a unique id prefix finds the run");
            assertEquals(id, reopened.find("mlp-" + kind).id(), "so does its name");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void fourProcessesLoggingAtOnceLoseNothing(String kind) throws Exception {
        String url = url(kind);
        RunStore.open(url).close(); // the schema exists before the race, as in a shared store
        int values = 1500;
        List<Process> writers = new ArrayList<>();
        for (int writer = 0; writer < 4; writer++) {
            writers.add(new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            StoreWriter.class.getName(),
                            url,
                            kind + "-writer-" + writer,
                            String.valueOf(values))
                    .redirectErrorStream(true)
                    .start());
        }
        List<String> ids = new ArrayList<>();
        for (Process writer : writers) {
            String output = new String(writer.getInputStream().readAllBytes()).strip();
            assertTrue(writer.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, writer.exitValue(), output);
            ids.add(output.lines().reduce((first, last) -> last).orElseThrow());
        }
        try (RunStore store = RunStore.open(url)) {
            for (String id : ids) {
                RunRecord run = store.find(id);
                assertEquals(RunStatus.FINISHED, run.status());
                List<MetricPoint> metrics = store.metrics(id);
                assertEquals(values, metrics.size(), "every value of " + run.name());
                for (int step = 0; step < values; step++) {
                    assertEquals(step, metrics.get(step).step());
                    assertEquals(1.0 / (step + 1), metrics.get(step).value(), 0.0);
                }
            }
        }
    }

    @Test
    void aRunClosedWithoutFinishingIsFailedNotLeftRunning() {
        try (RunStore store = RunStore.open(url("sqlite"))) {
            String id;
            try (Run run = store.start("crashes")) {
                id = run.id();
                run.metric("loss", 1, 1, 1);
            }
            assertEquals(RunStatus.FAILED, store.find(id).status());
            assertEquals(1, store.metrics(id).size(), "what it logged before is kept");
        }
    }

    @Test
    void anUnknownRunOrStoreIsAClearError() throws Exception {
        try (RunStore store = RunStore.open(url("sqlite"))) {
            store.start("first").finish(RunStatus.FINISHED);
            TrackingException error = assertThrows(TrackingException.class, () -> store.find("nope"));
            assertTrue(
                    error.getMessage().contains("No run is named or has the id 'nope'")
                            && error.getMessage().contains("(first)"),
                    error.getMessage());
        }
        TrackingException url = assertThrows(TrackingException.class, () -> RunStore.open("jdbc:mysql://x/y"));
        assertTrue(url.getMessage().contains("LEPTON_STORE must be a SQLite or PostgreSQL JDBC URL"), url.getMessage());
        try (var connection = DriverManager.getConnection(url("sqlite"))) {
            connection.createStatement().execute("INSERT INTO schema_version (version) VALUES (99)");
        }
        TrackingException newer = assertThrows(TrackingException.class, () -> RunStore.open(url("sqlite")));
        assertTrue(newer.getMessage().contains("schema version 99, newer than this Lepton knows"), newer.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aRunIsFoundByItsIdAUniqueStartOfItOrItsNewestName(String kind) throws Exception {
        try (RunStore store = RunStore.open(url(kind))) {
            Run older = store.start("alpha-" + kind);
            Thread.sleep(5); // started later: the newest of its name
            Run newer = store.start("alpha-" + kind);
            Run other = store.start("beta-" + kind);
            assertEquals(other.id(), store.find(other.id()).id());
            assertEquals(other.id(), store.find(other.id().substring(0, 10)).id());
            assertEquals(newer.id(), store.find("alpha-" + kind).id());
            assertEquals(older.id(), store.find(older.id()).id());
            assertEquals(Map.of(), store.trials(other.id()), "no trial belongs to it yet");
            TrackingException wildcard = assertThrows(TrackingException.class, () -> store.find("%"));
            assertTrue(wildcard.getMessage().contains("No run is named or has the id '%'"), "a % is not a wildcard");
            TrackingException typo = assertThrows(TrackingException.class, () -> store.find("alpah-" + kind));
            assertTrue(typo.getMessage().contains("Did you mean alpha-" + kind), typo.getMessage());
            Run first = store.startTrial(new TrialOf(other.id(), "beta-" + kind, 1));
            Thread.sleep(5);
            Run rerun = store.startTrial(new TrialOf(other.id(), "beta-" + kind, 1));
            Run second = store.startTrial(new TrialOf(other.id(), "beta-" + kind, 2));
            assertEquals(
                    Map.of(1, rerun.id(), 2, second.id()),
                    store.trials(other.id()).entrySet().stream()
                            .collect(Collectors.toMap(
                                    Map.Entry::getKey, trial -> trial.getValue().id())),
                    "the newest run of each trial number, not " + first.id());
            assertEquals("beta-" + kind + "-trial-2", store.find(second.id()).name());
        }
    }

    @Test
    void theDefaultStoreIsLeptonStoreThenTheFileInLeptonHome() {
        assertEquals(
                "jdbc:postgresql://db/x",
                Settings.STORE.read(Setting.Source.of(Map.of("LEPTON_STORE", "jdbc:postgresql://db/x"))));
        assertEquals(
                "jdbc:sqlite:/srv/lh/runs.db",
                Settings.STORE.read(Setting.Source.of(Map.of("LEPTON_HOME", "/srv/lh"))));
    }

    @Test
    void aRunRecordsItsOwnerAndOnlyTheOwnerChangesIt() throws Exception {
        try (RunStore store = RunStore.open(url("sqlite"))) {
            Run mine = store.start("mine");
            mine.finish(RunStatus.FINISHED);
            assertEquals(System.getProperty("user.name"), store.find(mine.id()).owner());
            Run theirs = store.start("theirs");
            theirs.finish(RunStatus.INTERRUPTED);
            try (var connection = DriverManager.getConnection(url("sqlite"))) {
                connection
                        .createStatement()
                        .execute("UPDATE runs SET owner = 'colleague' WHERE id = '" + theirs.id() + "'");
            }
            RunRecord record = store.find(theirs.id());
            assertFalse(store.owns(record));
            TrackingException tag = assertThrows(TrackingException.class, () -> store.tag(theirs.id(), "note", "x"));
            assertTrue(
                    tag.getMessage()
                            .contains("Cannot tag run " + theirs.id()
                                    + " (theirs): it belongs to colleague, and you are " + store.user()),
                    tag.getMessage());
            assertTrue(assertThrows(TrackingException.class, () -> store.reopen(record))
                    .getMessage()
                    .contains("Cannot resume"));
            assertEquals(Map.of(), store.find(theirs.id()).tags());
            store.tag(mine.id(), "note", "mine");
            assertEquals("mine", store.find(mine.id()).tags().get("note"));
        }
    }

    @Test
    void aStoreFromBeforeOwnersIsUpgradedAndItsRunsStayChangeable() throws Exception {
        String id;
        try (RunStore store = RunStore.open(url("sqlite"))) {
            id = store.start("old").id();
        }
        try (var connection = DriverManager.getConnection(url("sqlite"))) { // back to the first schema
            connection.createStatement().execute("DROP TABLE rung_results");
            connection.createStatement().execute("ALTER TABLE runs DROP COLUMN trial");
            connection.createStatement().execute("ALTER TABLE runs DROP COLUMN owner");
            connection.createStatement().execute("DELETE FROM schema_version WHERE version >= 2");
        }
        try (RunStore store = RunStore.open(url("sqlite"))) {
            RunRecord old = store.find(id);
            assertNull(old.owner());
            assertTrue(store.owns(old));
            store.tag(id, "note", "kept");
            assertEquals("kept", store.find(id).tags().get("note"));
            assertEquals(List.of(0.5), store.recordRung(id, 1, 1, 0.5), "the upgrade made the rungs' table too");
        }
    }

    @Test
    void anOlderStoresTrialsAreNumberedFromTheirNamesWhereTheSweepsOwnerRecordedThem() throws Exception {
        String sweep;
        String user;
        try (RunStore store = RunStore.open(url("sqlite"))) {
            sweep = store.start("grid").id();
            user = store.user();
        }
        try (var connection = DriverManager.getConnection(url("sqlite"))) { // as a store before trial numbers held it
            connection.createStatement().execute("ALTER TABLE runs DROP COLUMN trial");
            connection.createStatement().execute("DELETE FROM schema_version WHERE version >= 4");
            String insert =
                    "INSERT INTO runs (id, name, status, started_at, parent_id, owner) VALUES (?, ?, 'FINISHED',"
                            + " 1, ?, ?)";
            for (String[] run : new String[][] {
                {"t1", "grid-trial-1", user},
                {"t2", "grid-trial-2", "colleague"},
                {"tx", "grid-trial-x", user},
                {"t9", "grid-trial-99999999999", user},
                {"o3", "other-trial-3", user}
            }) {
                try (var statement = connection.prepareStatement(insert)) {
                    statement.setString(1, run[0]);
                    statement.setString(2, run[1]);
                    statement.setString(3, sweep);
                    statement.setString(4, run[2]);
                    statement.executeUpdate();
                }
            }
        }
        try (RunStore store = RunStore.open(url("sqlite"))) {
            assertEquals(
                    Map.of(1, "t1"),
                    store.trials(sweep).entrySet().stream()
                            .collect(Collectors.toMap(
                                    Map.Entry::getKey, trial -> trial.getValue().id())),
                    "only the sweep owner's runs named as its trials");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theLatestMetricsAreReadOnlyForTheRunsAskedForAmongThousands(String kind) throws SQLException {
        try (RunStore store = RunStore.open(url(kind))) {
            addOldRuns(url(kind), 3000, 3, store.user());
            Map<String, Map<String, Double>> expected = newRuns(store, 5);
            assertEquals(
                    expected.keySet(),
                    Set.copyOf(store.recent(5).stream().map(RunRecord::id).toList()));

            assertEquals(expected, store.latestMetrics(expected.keySet()), "the five runs' metrics and no other's");
            Table table = RunTable.of(store.recent(5), store);
            assertEquals(5, table.rowCount());
            assertFalse(table.columnNames().contains("old_metric"), "no column of runs not shown");

            List<String> all = store.runs().stream().map(RunRecord::id).toList();
            Map<String, Map<String, Double>> everyRun = store.latestMetrics(all);
            assertEquals(3005, everyRun.size(), "thousands of ids go in one statement");
            assertEquals(Map.of("loss", 0.5, "old_metric", 3.0), everyRun.get(all.getLast()));
            assertEquals("0.1", store.runs().getLast().params().get("lr"), "and so do their parameters");
        }
    }

    @Test
    void readingTheNewestRunsMetricsCostsNoMoreInAStoreOfThousandsOfRuns() throws SQLException {
        Set<String> newest;
        try (RunStore store = RunStore.open(url("sqlite"))) {
            newest = newRuns(store, 5).keySet();
        }
        Measured<Map<String, Map<String, Double>>> alone =
                measured(url("sqlite"), store -> store.latestMetrics(newest));
        addOldRuns(url("sqlite"), 5000, 10, "colleague");
        Measured<Map<String, Map<String, Double>>> amongThousands =
                measured(url("sqlite"), store -> store.latestMetrics(newest));
        assertEquals(alone.result(), amongThousands.result());
        assertTrue(
                amongThousands.instructions() <= 2 * alone.instructions(),
                "reading five runs' metrics took " + alone.instructions() + " SQLite instructions alone and "
                        + amongThousands.instructions() + " among 5000 other runs: it read theirs too");
    }

    /** Starts and finishes {@code count} runs with metrics; returns what their latest metrics must be, by run id. */
    private static Map<String, Map<String, Double>> newRuns(RunStore store, int count) {
        Map<String, Map<String, Double>> latest = new HashMap<>();
        for (int i = 0; i < count; i++) {
            try (Run run = store.start("new-" + i)) {
                run.params(Map.of("lr", 0.01 * (i + 1)));
                for (int epoch = 1; epoch <= 3; epoch++) {
                    run.metric("step_loss", 5.0, epoch * 10L - 1, epoch);
                    run.metric("loss", 1.0 / (i + epoch), epoch * 10L, epoch);
                    run.metric("val_accuracy", i == 0 ? Double.NaN : epoch / 10.0, epoch * 10L, epoch);
                }
                run.finish(RunStatus.FINISHED);
                latest.put(run.id(), Map.of("loss", 1.0 / (i + 3), "val_accuracy", i == 0 ? Double.NaN : 0.3));
            }
        }
        return latest;
    }

    /**
     * Adds {@code count} finished runs of {@code owner}, started long before any other, with a parameter and two metrics
     * over {@code epochs} epochs: through JDBC batches in one transaction, as fast as the database takes them.
     */
    private static void addOldRuns(String url, int count, int epochs, String owner) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            try (PreparedStatement run = connection.prepareStatement("INSERT INTO runs (id, name, status, started_at,"
                            + " ended_at, owner) VALUES (?, ?, 'FINISHED', ?, ?, ?)");
                    PreparedStatement param = connection.prepareStatement(
                            "INSERT INTO params (run_id, key, value) VALUES (?, 'lr', '0.1')");
                    PreparedStatement metric = connection.prepareStatement("INSERT INTO metrics (run_id, name, step,"
                            + " epoch, value, logged_at) VALUES (?, ?, ?, ?, ?, 0)")) {
                for (int i = 0; i < count; i++) {
                    String id = "%012x".formatted(i);
                    run.setString(1, id);
                    run.setString(2, "old-" + i);
                    run.setLong(3, i + 1);
                    run.setLong(4, i + 2);
                    run.setString(5, owner);
                    run.addBatch();
                    param.setString(1, id);
                    param.addBatch();
                    for (int epoch = 1; epoch <= epochs; epoch++) {
                        for (String name : List.of("loss", "old_metric")) {
                            metric.setString(1, id);
                            metric.setString(2, name);
                            metric.setLong(3, epoch);
                            metric.setInt(4, epoch);
                            metric.setDouble(5, name.equals("loss") ? 1.5 / epoch : epoch);
                            metric.addBatch();
                        }
                    }
                }
                run.executeBatch();
                param.executeBatch();
                metric.executeBatch();
            }
            connection.commit();
        }
    }

    /** What a read returned, and how many instructions SQLite's virtual machine ran for it: its work, not its time. */
    private record Measured<T>(T result, long instructions) {}

    private static <T> Measured<T> measured(String url, Function<RunStore, T> read) throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        AtomicLong instructions = new AtomicLong();
        try (RunStore store = new RunStore(new StoreConnection(url, connection, "reader", StoreDialect.SQLITE))) {
            ProgressHandler.setHandler(connection, 1, new ProgressHandler() {
                @Override
                protected int progress() {
                    instructions.incrementAndGet();
                    return 0; // go on
                }
            });
            T result = read.apply(store);
            return new Measured<>(result, instructions.get());
        }
    }
}
