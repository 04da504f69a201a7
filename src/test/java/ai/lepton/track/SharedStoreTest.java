package ai.lepton.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A team's store on a real PostgreSQL server: the schema belongs to an administrator role, two members (alice, bob)
 * may read and write the tables, and the store's row-level security keeps each member's runs their own.
 */
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
            Run run = alice.start("alice-mlp", null);
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

            Run own = bob.start("bob-mlp", null);
            own.tag("note", "mine");
            own.finish(RunStatus.FINISHED);
            Map<String, String> owners = new HashMap<>();
            bob.runs().forEach(run -> owners.put(run.name(), run.owner()));
            assertEquals(Map.of("alice-mlp", "alice", "bob-mlp", "bob"), owners);
            assertEquals(Map.of(), bob.find(aliceRun).tags());
        }
    }

    @Test
    void theDatabaseItselfRefusesWritesToAColleaguesRun() throws SQLException {
        String aliceRun;
        try (RunStore alice = RunStore.open(postgres.url("team", "alice"))) {
            Run run = alice.start("alice-guarded", null);
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

    private static void assertRefused(Connection connection, String sql) {
        SQLException refused = assertThrows(
                SQLException.class, () -> connection.createStatement().execute(sql), sql);
        assertTrue(
                StoreDialect.isPermissionDenied(refused),
                sql + ": " + refused.getSQLState() + " " + refused.getMessage());
    }
}
