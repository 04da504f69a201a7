package ai.lepton.track;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's schema as numbered steps. A store records the steps it has applied; opening one applies
 * the missing steps in one transaction, so an old store is upgraded and a new one created the same
 * way. Steps are only ever appended: a released step never changes.
 */
final class Migrations {

    /** Step {@code i} takes a store from version {@code i} to {@code i + 1}. SQL both SQLite and PostgreSQL accept. */
    private static final List<List<String>> STEPS = List.of(
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
                            + " sha256 VARCHAR(64) NOT NULL, bytes BIGINT NOT NULL, PRIMARY KEY (run_id, path))"));

    static final int LATEST = STEPS.size();

    private Migrations() {
    }

    /** Brings the store to the latest version; returns the version it was at. */
    static int migrate(Connection connection, StoreDialect dialect) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            dialect.lockForMigration(statement);
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version;
            try (ResultSet result = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                result.next();
                version = result.getInt(1);
            }
            if (version > LATEST) {
                throw new TrackingException("The run store is at schema version " + version + ", newer than this Lepton knows ("
                        + LATEST + "). Use a newer Lepton with this store.");
            }
            for (int step = version; step < LATEST; step++) {
                for (String sql : STEPS.get(step)) {
                    statement.execute(sql);
                }
                statement.execute("INSERT INTO schema_version (version) VALUES (" + (step + 1) + ")");
            }
            connection.commit();
            return version;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
