package ai.lepton.track;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's schema as numbered steps. A store records the steps it has applied; opening one applies
 * the missing steps in one transaction, so an old store is upgraded and a new one created the same
 * way. Steps are only ever appended: a released step never changes.
 *
 * <p>On PostgreSQL the schema also carries who may change what (row-level security): everyone reads every
 * run, and only a run's owner writes to it. The tables' owner (the team's administrator) is exempt, so a
 * store one person owns behaves as before.
 */
final class Migrations {

    /**
     * Step {@code i} takes a store from version {@code i} to {@code i + 1}: SQL both SQLite and PostgreSQL accept,
     * then PostgreSQL's own.
     */
    private static final List<Step> STEPS = List.of(
            new Step(
                    List.of(
                            "CREATE TABLE runs (id VARCHAR(32) PRIMARY KEY, name TEXT NOT NULL, status VARCHAR(16) NOT NULL,"
                                    + " started_at BIGINT NOT NULL, ended_at BIGINT, parent_id VARCHAR(32), environment TEXT, lineage TEXT)",
                            "CREATE INDEX runs_by_name ON runs (name)",
                            "CREATE TABLE params (run_id VARCHAR(32) NOT NULL REFERENCES runs (id), key TEXT NOT NULL, value TEXT,"
                                    + " PRIMARY KEY (run_id, key))",
                            // value is NULL for NaN: SQLite cannot store NaN
                            "CREATE TABLE metrics (run_id VARCHAR(32) NOT NULL REFERENCES runs (id), name TEXT NOT NULL, step BIGINT NOT NULL,"
                                    + " epoch INTEGER NOT NULL, value DOUBLE PRECISION, logged_at BIGINT NOT NULL)",
                            "CREATE INDEX metrics_by_run ON metrics (run_id, name, step)",
                            "CREATE TABLE tags (run_id VARCHAR(32) NOT NULL REFERENCES runs (id), key TEXT NOT NULL, value TEXT,"
                                    + " PRIMARY KEY (run_id, key))",
                            "CREATE TABLE artifacts (run_id VARCHAR(32) NOT NULL REFERENCES runs (id), path TEXT NOT NULL,"
                                    + " sha256 VARCHAR(64) NOT NULL, bytes BIGINT NOT NULL, PRIMARY KEY (run_id, path))"),
                    List.of()),
            // runs get an owner; a run recorded before it has none, and on PostgreSQL only the administrator may change
            // it
            new Step(List.of("ALTER TABLE runs ADD COLUMN owner TEXT"), ownershipPolicies()),
            // what each trial of a sweep reached at each rung, in the order they arrived: the sweep's trials decide
            // from it wherever they run; value is NULL for NaN
            new Step(
                    List.of("CREATE TABLE rung_results (sweep_id VARCHAR(32) NOT NULL REFERENCES runs (id),"
                            + " rung INTEGER NOT NULL, trial INTEGER NOT NULL, value DOUBLE PRECISION,"
                            + " arrival INTEGER NOT NULL, PRIMARY KEY (sweep_id, rung, trial))"),
                    rungResultsPolicies()),
            // a sweep's trials carry their number instead of having it parsed out of their names, and only the sweep's
            // owner files runs as its trials: a colleague's run under it is no trial of it
            new Step(List.of("ALTER TABLE runs ADD COLUMN trial INTEGER"), trialPolicies(), TrialNumbers::backfill));

    static final int LATEST = STEPS.size();

    /** Data a step moves in Java, in the step's transaction, after its SQL. */
    @FunctionalInterface
    private interface DataMove {
        void apply(Connection transaction) throws SQLException;
    }

    /** The SQL of one step: what both databases run, then what only PostgreSQL runs; then the data it moves. */
    private record Step(List<String> common, List<String> postgresOnly, DataMove data) {
        Step(List<String> common, List<String> postgresOnly) {
            this(common, postgresOnly, transaction -> {});
        }

        List<String> sql(StoreDialect dialect) {
            List<String> sql = new ArrayList<>(common);
            if (dialect == StoreDialect.POSTGRESQL) {
                sql.addAll(postgresOnly);
            }
            return sql;
        }
    }

    /** Everyone reads every row; a run's row, and the rows that belong to it, are written only by its owner. */
    private static List<String> ownershipPolicies() {
        List<String> sql = new ArrayList<>(
                List.of(
                        "ALTER TABLE runs ALTER COLUMN owner SET DEFAULT current_user",
                        "ALTER TABLE runs ENABLE ROW LEVEL SECURITY",
                        "CREATE POLICY runs_read ON runs FOR SELECT USING (true)",
                        "CREATE POLICY runs_insert_own ON runs FOR INSERT WITH CHECK (owner = current_user)",
                        "CREATE POLICY runs_update_own ON runs FOR UPDATE USING (owner = current_user) WITH CHECK (owner = current_user)"));
        for (String table : List.of("params", "metrics", "tags", "artifacts")) {
            sql.addAll(ownRowsOnly(table, "run_id"));
        }
        return sql;
    }

    /** As for a run's own rows; and whoever may write runs (a team's members) may record rungs. */
    private static List<String> rungResultsPolicies() {
        List<String> sql = new ArrayList<>(ownRowsOnly("rung_results", "sweep_id"));
        sql.add("DO $$ DECLARE writer record; BEGIN FOR writer IN SELECT DISTINCT grantee FROM"
                + " information_schema.role_table_grants WHERE table_name = 'runs' AND privilege_type = 'INSERT'"
                + " AND grantee <> current_user LOOP EXECUTE format('GRANT SELECT, INSERT, UPDATE ON rung_results TO %I',"
                + " writer.grantee); END LOOP; END $$");
        return sql;
    }

    /**
     * A member's run may be a child of anyone's run, but a trial only of their own: the insert and update policies of
     * step 2, with that added; and a run's id is one Lepton generated.
     */
    private static List<String> trialPolicies() {
        String check = "owner = current_user AND (trial IS NULL OR parent_id IN (SELECT id FROM runs WHERE owner ="
                + " current_user))";
        return List.of(
                // ids are what RunStore generates, so a member cannot name a run with a colleague's run name for an id
                "ALTER TABLE runs ADD CONSTRAINT runs_id_generated CHECK (id ~ '^[0-9a-f]{12}$') NOT VALID",
                "DROP POLICY runs_insert_own ON runs",
                "CREATE POLICY runs_insert_own ON runs FOR INSERT WITH CHECK (" + check + ")",
                "DROP POLICY runs_update_own ON runs",
                "CREATE POLICY runs_update_own ON runs FOR UPDATE USING (owner = current_user) WITH CHECK (" + check
                        + ")");
    }

    /** Everyone reads {@code table}; a row is written only by the owner of the run its {@code runColumn} names. */
    private static List<String> ownRowsOnly(String table, String runColumn) {
        String ownRun = runColumn + " IN (SELECT id FROM runs WHERE owner = current_user)";
        return List.of(
                "ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY " + table + "_read ON " + table + " FOR SELECT USING (true)",
                "CREATE POLICY " + table + "_insert_own ON " + table + " FOR INSERT WITH CHECK (" + ownRun + ")",
                "CREATE POLICY " + table + "_update_own ON " + table + " FOR UPDATE USING (" + ownRun + ") WITH CHECK ("
                        + ownRun + ")");
    }

    private Migrations() {}

    /**
     * Brings the store to the latest version; returns the version it was at. A store already at the latest version
     * is only read, so a user who may not change the schema (a team member on a shared store) opens it.
     */
    static int migrate(Connection connection, StoreDialect dialect) throws SQLException {
        int found = version(connection);
        if (found > LATEST) {
            throw newerThanThisLepton(found);
        }
        if (found == LATEST) {
            return found;
        }
        try {
            return upgrade(connection, dialect);
        } catch (SQLException e) {
            if (StoreDialect.isPermissionDenied(e)) {
                throw new TrackingException(
                        "The run store is at schema version " + found + " and this Lepton needs version " + LATEST
                                + ", but " + dialect.identity(connection) + " may not change its schema ("
                                + e.getMessage() + "). Ask the store's"
                                + " administrator to upgrade it: environment/team-setup.sh, run again, does.",
                        e);
            }
            throw e;
        }
    }

    /** The version a store is at: 0 when it has no schema yet. */
    private static int version(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "schema_version", null)) {
            if (!tables.next()) {
                return 0;
            }
        }
        return recordedVersion(connection);
    }

    /** The highest step {@code schema_version} records. */
    private static int recordedVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static TrackingException newerThanThisLepton(int version) {
        return new TrackingException("The run store is at schema version " + version
                + ", newer than this Lepton knows (" + LATEST + "). Use a newer Lepton with this store.");
    }

    private static int upgrade(Connection connection, StoreDialect dialect) throws SQLException {
        return Transaction.run(connection, transaction -> {
            try (Statement statement = transaction.createStatement()) {
                dialect.lockForMigration(statement);
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
                int version =
                        recordedVersion(transaction); // again, under the lock: another process may have upgraded it
                if (version > LATEST) {
                    throw newerThanThisLepton(version);
                }
                for (int step = version; step < LATEST; step++) {
                    for (String sql : STEPS.get(step).sql(dialect)) {
                        statement.execute(sql);
                    }
                    STEPS.get(step).data().apply(transaction);
                    statement.execute("INSERT INTO schema_version (version) VALUES (" + (step + 1) + ")");
                }
                return version;
            }
        });
    }
}
