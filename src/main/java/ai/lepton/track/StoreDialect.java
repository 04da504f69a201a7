package ai.lepton.track;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** What differs between the two databases a store can live in; the schema and queries are shared. */
enum StoreDialect {
    SQLITE {
        @Override
        void configure(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                // WAL lets readers work while one process writes; the busy timeout makes writers queue instead of failing
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA foreign_keys=ON");
            }
        }

        @Override
        void lockForMigration(Statement statement) {
            // the connection's transactions begin IMMEDIATE: the first write lock already serializes migrations
        }
    },
    POSTGRESQL {
        @Override
        void configure(Connection connection) {
        }

        @Override
        void lockForMigration(Statement statement) throws SQLException {
            // two processes creating the schema at once would race on the catalog; this lock ends with the transaction
            statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        }
    };

    static final int BUSY_TIMEOUT_MS = 30_000;
    private static final long MIGRATION_LOCK = 0x1E970;

    static StoreDialect of(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new TrackingException("LEPTON_STORE must be a SQLite or PostgreSQL JDBC URL, such as jdbc:sqlite:/path/runs.db"
                + " or jdbc:postgresql://host:5432/lepton?user=me; got '" + url + "'.");
    }

    abstract void configure(Connection connection) throws SQLException;

    abstract void lockForMigration(Statement statement) throws SQLException;
}
