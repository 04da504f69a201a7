package ai.lepton.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.IsolatedHome;
import ai.lepton.sweep.Search;
import ai.lepton.sweep.SearchSpace;
import ai.lepton.sweep.SweepOptions;
import ai.lepton.sweep.SweepResult;
import ai.lepton.sweep.SweepView;
import ai.lepton.sweep.Sweeping;
import ai.lepton.sweep.TrialResult;
import ai.lepton.train.TrainingTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A team's store on a real PostgreSQL server: the schema belongs to an administrator role, two members (alice, bob)
 * may read and write the tables, and the store's row-level security keeps each member's runs their own.
 */
@ExtendWith(IsolatedHome.class)
class SharedStoreTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void startATeamStore() throws IOException, InterruptedException, SQLException {
        Assumptions.assumeTrue(PostgresServer.unavailable() == null, PostgresServer::unavailable);
        postgres = PostgresServer.start();
        try (Connection superuser = DriverManager.getConnection(postgres.url())) {
            for (String sql : List.of(
                    "CREATE ROLE store_admin LOGIN",
                    "CREATE ROLE alice LOGIN",
                    "CREATE ROLE bob LOGIN",
                    "CREATE DATABASE team OWNER store_admin",
                    "CREATE DATABASE old_team OWNER store_admin")) {
                superuser.createStatement().execute(sql);
            }
        }
        for (String database : List.of("team", "old_team")) {
            try (Connection superuser = DriverManager.getConnection(postgres.url(database, "lepton"))) {
                superuser.createStatement().execute("ALTER SCHEMA public OWNER TO store_admin");
            }
            RunStore.open(postgres.url(database, "store_admin")).close(); // the administrator creates the schema
            try (Connection admin = DriverManager.getConnection(postgres.url(database, "store_admin"))) {
                admin.createStatement()
                        .execute(
                                "GRANT SELECT, INSERT, UPDATE ON runs, params, metrics, tags, artifacts TO alice, bob");
                admin.createStatement().execute("GRANT SELECT ON schema_version TO alice, bob");
            }
        }
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aColleagueReadsYourRunsButCannotChangeThem() {
        String aliceRun;
        try (RunStore alice = RunStore.open(postgres.url("team", "alice"))) {
            assertEquals("alice", alice.user());
            RunRecorder run = alice.start("alice-mlp");
            aliceRun = run.id();
            run.params(Map.of("lr", 0.01));
            run.metric("val_accuracy", 0.9, 1, 1);
            run.finish(RunStatus.INTERRUPTED);
        }
        try (RunStore bob = RunStore.open(postgres.url("team", "bob"))) {
            RunRecord theirs = bob.find(aliceRun);
            assertEquals("alice", theirs.owner());
            assertEquals(Map.of("lr", "0.01"), theirs.params());
            assertEquals(0.9, bob.metrics(aliceRun).getFirst().value());
            assertFalse(bob.owns(theirs));
            TrackingException tag = assertThrows(TrackingException.class, () -> bob.tag(aliceRun, "note", "mine now"));
            assertTrue(
                    tag.getMessage()
                            .contains("Cannot tag run " + aliceRun
                                    + " (alice-mlp): it belongs to alice, and you are bob."),
                    tag.getMessage());
            TrackingException resume = assertThrows(TrackingException.class, () -> bob.reopen(theirs));
            assertTrue(resume.getMessage().contains("Cannot resume run " + aliceRun), resume.getMessage());

            RunRecorder own = bob.start("bob-mlp");
            own.tag("note", "mine");
            own.finish(RunStatus.FINISHED);
            Map<String, String> owners = new HashMap<>();
            bob.runs().forEach(run -> owners.put(run.name(), run.owner()));
            assertEquals("alice", owners.get("alice-mlp"));
            assertEquals("bob", owners.get("bob-mlp"));
            assertEquals(Map.of(), bob.find(aliceRun).tags());
        }
    }

    @Test
    void theDatabaseItselfRefusesWritesToAColleaguesRun() throws SQLException {
        String aliceRun;
        try (RunStore alice = RunStore.open(postgres.url("team", "alice"))) {
            RunRecorder run = alice.start("alice-guarded");
            aliceRun = run.id();
            run.finish(RunStatus.FINISHED);
        }
        try (Connection bob =
                DriverManager.getConnection(postgres.url("team", "bob"))) { // plain SQL, not through Lepton
            try (PreparedStatement rename = bob.prepareStatement("UPDATE runs SET name = 'hijacked' WHERE id = ?")) {
                rename.setString(1, aliceRun);
                assertEquals(0, rename.executeUpdate(), "another member's run is not among the rows bob may update");
            }
            assertRefused(bob, "INSERT INTO tags (run_id, key, value) VALUES ('" + aliceRun + "', 'note', 'x')");
            assertRefused(
                    bob,
                    "INSERT INTO runs (id, name, status, started_at, owner) VALUES ('forged', 'f', 'FINISHED', 0, 'alice')");
            assertRefused(bob, "DELETE FROM runs WHERE id = '" + aliceRun + "'");
            assertRefused(bob, "INSERT INTO schema_version (version) VALUES (99)");
        }
        try (RunStore alice = RunStore.open(postgres.url("team", "alice"))) {
            assertEquals("alice-guarded", alice.find(aliceRun).name());
        }
    }

    @Test
    void aColleagueCannotFileARunAsATrialOfYourSweep() throws SQLException {
        String sweepId;
        try (RunStore alice = RunStore.open(postgres.url("team", "alice"))) {
            RunRecorder sweep = alice.start("owned-sweep");
            sweepId = sweep.id();
            alice.startTrial(new TrialOf(sweepId, "owned-sweep", 1)).finish(RunStatus.FINISHED);
        }
        try (RunStore bob = RunStore.open(postgres.url("team", "bob"))) {
            TrackingException planted =
                    assertThrows(TrackingException.class, () -> bob.startTrial(new TrialOf(sweepId, "owned-sweep", 2)));
            assertTrue(planted.getMessage().contains("the store refused it for bob"), planted.getMessage());
            RunRecorder own = bob.start("bobs-run");
            own.finish(RunStatus.FINISHED);
            try (Connection sql = DriverManager.getConnection(postgres.url("team", "bob"))) {
                assertRefused(
                        sql,
                        "INSERT INTO runs (id, name, status, started_at, parent_id, trial, owner) VALUES ('" + newId()
                                + "'," + " 'owned-sweep-trial-2', 'FINISHED', 0, '" + sweepId + "', 2, 'bob')");
                assertRefused(
                        sql, "UPDATE runs SET parent_id = '" + sweepId + "', trial = 3 WHERE id = '" + own.id() + "'");
                // a plain child of a colleague's run is still allowed (building on it), but it is no trial
                sql.createStatement()
                        .execute("INSERT INTO runs (id, name, status, started_at, parent_id, owner) VALUES ('" + newId()
                                + "'," + " 'owned-sweep-trial-x', 'FINISHED', 0, '" + sweepId + "', 'bob')");
            }
        }
        try (RunStore alice = RunStore.open(postgres.url("team", "alice"))) {
            assertEquals(
                    List.of("owned-sweep-trial-1"),
                    alice.trials(sweepId).values().stream().map(RunRecord::name).toList());
        }
    }

    @Test
    void aColleaguesPlantedRunsAreNeitherTheBestTrialNorABrokenSweep() throws SQLException {
        String sweepName = "planted-" + System.nanoTime();
        SweepResult before;
        try (RunStore alice = RunStore.open(postgres.url("team", "alice"))) {
            before = Sweeping.run(
                    alice,
                    sweepName,
                    TrainingTestData.penguins(),
                    SearchSpace.parse(
                            "model: mlp\nhidden: [[4]]\nlr: [0.001, 0.002]\nepochs: 1\nmonitor: val_accuracy"),
                    SweepOptions.builder()
                            .optSearch(Search.GRID)
                            .optScheduler("none")
                            .build(),
                    SweepView.none());
        }
        try (Connection bob = DriverManager.getConnection(postgres.url("team", "bob"))) {
            for (String suffix : List.of("2", "x", "99999999999")) {
                String id = newId();
                bob.createStatement()
                        .execute("INSERT INTO runs (id, name, status, started_at, parent_id, owner) VALUES ('" + id
                                + "', '" + sweepName + "-trial-" + suffix + "', 'FINISHED', "
                                + System.currentTimeMillis()
                                + ", '" + before.runId() + "', 'bob')");
                bob.createStatement()
                        .execute("INSERT INTO metrics (run_id, name, step, epoch, value, logged_at) VALUES ('" + id
                                + "', 'val_accuracy', 1, 1, 1.0, 0)");
            }
        }
        try (RunStore alice = RunStore.open(postgres.url("team", "alice"))) {
            SweepResult after = Sweeping.recorded(alice, sweepName);
            assertEquals(
                    before.trials().stream().map(TrialResult::runId).toList(),
                    after.trials().stream().map(TrialResult::runId).toList());
            assertEquals(before.best().runId(), after.best().runId());
            assertEquals(2, after.table().rowCount());
        }
    }

    @Test
    void aStorePasswordAnOlderLeptonRecordedIsRedactedByTheAdministratorsUpgrade() throws SQLException {
        String secret = "jdbc:postgresql://db/lepton?user=alice&password=AlicesSecret";
        String aliceRun;
        try (RunStore alice = RunStore.open(postgres.url("team", "alice"))) {
            RunRecorder run = alice.start("recorded-by-an-old-lepton");
            aliceRun = run.id();
            run.environment(Map.of("environment_variables", Map.of("LEPTON_STORE", secret)));
            run.finish(RunStatus.FINISHED);
        }
        try (Connection alice = DriverManager.getConnection(postgres.url("team", "alice"))) { // as an old Lepton wrote
            alice.createStatement()
                    .execute("INSERT INTO params (run_id, key, value) VALUES ('" + aliceRun
                            + "', 'pretrained', 'https://h.example.org/m.zip?X-Amz-Signature=AlicesSecret')");
            alice.createStatement()
                    .execute("INSERT INTO tags (run_id, key, value) VALUES ('" + aliceRun
                            + "', 'failure', 'GET https://h.example.org/m.zip?token=AlicesSecret answered 403')");
        }
        try (RunStore bob = RunStore.open(postgres.url("team", "bob"))) {
            SecretScrub theirs = bob.scrubSecrets();
            assertTrue(theirs.leftToOthers() >= 1, theirs.toString());
            assertTrue(bob.find(aliceRun).environment().contains("AlicesSecret"), "bob may not change alice's run");
        }
        try (RunStore admin = RunStore.open(postgres.url("team", "store_admin"))) {
            SecretScrub all = admin.scrubSecrets();
            assertTrue(all.scrubbed() >= 1 && all.leftToOthers() == 0, all.toString());
            assertEquals(new SecretScrub(0, 0), admin.scrubSecrets(), "nothing is left to redact");
        }
        try (RunStore bob = RunStore.open(postgres.url("team", "bob"))) {
            RunRecord scrubbed = bob.find(aliceRun);
            assertFalse(
                    scrubbed.params().toString().contains("AlicesSecret"),
                    scrubbed.params().toString());
            assertFalse(
                    scrubbed.tags().toString().contains("AlicesSecret"),
                    scrubbed.tags().toString());
            String recorded = scrubbed.environment();
            assertFalse(recorded.contains("AlicesSecret"), recorded);
            assertTrue(recorded.contains("jdbc:postgresql://db/lepton?[redacted]"), recorded);
        }
    }

    @Test
    void aStoreBehindThisLeptonTellsAMemberToAskTheAdministrator() throws SQLException {
        try (Connection admin = DriverManager.getConnection(postgres.url("old_team", "store_admin"))) {
            admin.createStatement().execute("DELETE FROM schema_version WHERE version = " + Migrations.LATEST);
        }
        TrackingException behind =
                assertThrows(TrackingException.class, () -> RunStore.open(postgres.url("old_team", "alice")));
        assertTrue(
                behind.getMessage()
                                .contains("this Lepton needs version " + Migrations.LATEST
                                        + ", but alice may not change its schema")
                        && behind.getMessage().contains("environment/team-setup.sh"),
                behind.getMessage());
    }

    @Test
    void aColleaguesRunOfYourRunsNameNeverStandsInForYoursAndIdsAreLeptons() throws SQLException {
        String mine;
        try (RunStore alice = RunStore.open(postgres.url("team", "alice"))) {
            RunRecorder run = alice.start("squatted");
            mine = run.id();
            run.finish(RunStatus.FINISHED);
        }
        try (RunStore bob = RunStore.open(postgres.url("team", "bob"))) {
            bob.start("squatted").finish(RunStatus.FINISHED); // newer, same name
            try (Connection sql = DriverManager.getConnection(postgres.url("team", "bob"))) {
                SQLException named = assertThrows(
                        SQLException.class,
                        () -> sql.createStatement()
                                .execute("INSERT INTO runs (id, name, status, started_at, owner) VALUES ('squatted',"
                                        + " 'x', 'FINISHED', 0, 'bob')"));
                assertEquals("23514", named.getSQLState(), "an id is one Lepton generated: " + named.getMessage());
            }
        }
        try (RunStore alice = RunStore.open(postgres.url("team", "alice"))) {
            assertEquals(mine, alice.find("squatted").id(), "alice's own run of that name, not bob's newer one");
        }
        try (RunStore admin = RunStore.open(postgres.url("team", "store_admin"))) {
            TrackingException ambiguous = assertThrows(TrackingException.class, () -> admin.find("squatted"));
            assertTrue(
                    ambiguous
                                    .getMessage()
                                    .startsWith("Runs named 'squatted' belong to several colleagues: bob (newest:")
                            && ambiguous.getMessage().contains("alice (newest: " + mine + ")")
                            && ambiguous.getMessage().endsWith("Name the one you mean by its id."),
                    ambiguous.getMessage());
        }
    }

    /** An id of the form Lepton generates. */
    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void assertRefused(Connection connection, String sql) {
        SQLException refused = assertThrows(
                SQLException.class, () -> connection.createStatement().execute(sql), sql);
        assertTrue(
                StoreDialect.isPermissionDenied(refused),
                sql + ": " + refused.getSQLState() + " " + refused.getMessage());
    }
}
