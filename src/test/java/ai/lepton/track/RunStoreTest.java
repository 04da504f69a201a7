package ai.lepton.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.base.Setting;
import ai.lepton.base.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
            Run run = store.start("mlp-" + kind, null);
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
                    RunEnvironment.sha256("weights"), reopened.artifacts(id).get("model.params"));
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
            try (Run run = store.start("crashes", null)) {
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
            store.start("first", null).finish(RunStatus.FINISHED);
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
            Run older = store.start("alpha-" + kind, null);
            Thread.sleep(5); // started later: the newest of its name
            Run newer = store.start("alpha-" + kind, null);
            Run other = store.start("beta-" + kind, null);
            assertEquals(other.id(), store.find(other.id()).id());
            assertEquals(other.id(), store.find(other.id().substring(0, 10)).id());
            assertEquals(newer.id(), store.find("alpha-" + kind).id());
            assertEquals(older.id(), store.find(older.id()).id());
            assertEquals(List.of(), store.children(other.id()), "no run belongs to it yet");
            TrackingException wildcard = assertThrows(TrackingException.class, () -> store.find("%"));
            assertTrue(wildcard.getMessage().contains("No run is named or has the id '%'"), "a % is not a wildcard");
            TrackingException typo = assertThrows(TrackingException.class, () -> store.find("alpah-" + kind));
            assertTrue(typo.getMessage().contains("Did you mean alpha-" + kind), typo.getMessage());
            Run child = store.start("child-" + kind, other.id());
            assertEquals(
                    List.of(child.id()),
                    store.children(other.id()).stream().map(RunRecord::id).toList());
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
            Run mine = store.start("mine", null);
            mine.finish(RunStatus.FINISHED);
            assertEquals(System.getProperty("user.name"), store.find(mine.id()).owner());
            Run theirs = store.start("theirs", null);
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
            id = store.start("old", null).id();
        }
        try (var connection = DriverManager.getConnection(url("sqlite"))) { // back to the first schema
            connection.createStatement().execute("DROP TABLE rung_results");
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
}
