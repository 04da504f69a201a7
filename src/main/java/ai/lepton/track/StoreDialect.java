package ai.lepton.track;

import ai.lepton.base.LeptonUser;
import com.google.gson.Gson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/** What differs between the two databases a store can live in; the schema and queries are shared. */
enum StoreDialect {
    SQLITE {
        @Override
        void configure(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                // WAL lets readers work while one process writes; the busy timeout makes writers queue instead of
                // failing
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA foreign_keys=ON");
            }
        }

        @Override
        void lockRung(Connection connection, String key) {
            // nothing to take: the INSERT that follows takes SQLite's one write lock, which orders writers
        }

        @Override
        void lockForMigration(Statement statement) {
            // the connection's transactions begin IMMEDIATE: the first write lock already serializes migrations
        }

        @Override
        String identity(Connection connection) {
            return LeptonUser.name(); // a file has no users of its own: whoever works in this process
        }

        @Override
        String isOneOf(String column) {
            return column + " IN (SELECT value FROM json_each(?))"; // SQLite binds no arrays: a JSON one
        }

        @Override
        void bindIds(PreparedStatement statement, int index, Collection<String> ids) throws SQLException {
            statement.setString(index, GSON.toJson(ids));
        }
    },
    POSTGRESQL {
        @Override
        void configure(Connection connection) {}

        @Override
        void lockRung(Connection connection, String key) throws SQLException {
            // a row lock cannot cover rows not inserted yet: concurrent deciders queue on the rung's advisory lock
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, key);
                lock.execute();
            }
        }

        @Override
        void lockForMigration(Statement statement) throws SQLException {
            // two processes creating the schema at once would race on the catalog; this lock ends with the transaction
            statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        }

        @Override
        String identity(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT current_user")) {
                result.next();
                return result.getString(1);
            }
        }

        @Override
        String isOneOf(String column) {
            return column + " = ANY (?)";
        }

        @Override
        void bindIds(PreparedStatement statement, int index, Collection<String> ids) throws SQLException {
            statement.setArray(index, statement.getConnection().createArrayOf("varchar", ids.toArray()));
        }
    };

    static final int BUSY_TIMEOUT_MS = 30_000;
    private static final long MIGRATION_LOCK = 0x1E970;
    private static final Gson GSON = new Gson();

    static StoreDialect of(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new TrackingException(
                "LEPTON_STORE must be a SQLite or PostgreSQL JDBC URL, such as jdbc:sqlite:/path/runs.db"
                        + " or jdbc:postgresql://host:5432/lepton?user=me; got '" + Secrets.storeUrl(url) + "'.");
    }

    abstract void configure(Connection connection) throws SQLException;

    abstract void lockForMigration(Statement statement) throws SQLException;

    /** Makes the transaction on {@code connection} the only one deciding at rung {@code key} until it ends. */
    abstract void lockRung(Connection connection, String key) throws SQLException;

    /** Who the store knows this connection as: the database role, or for a file the operating-system user. */
    abstract String identity(Connection connection) throws SQLException;

    /**
     * A condition that holds where {@code column} is one of the ids bound to its one parameter with {@link #bindIds}:
     * one statement for any number of runs, where an IN list of parameters would meet the database's limit on them.
     */
    abstract String isOneOf(String column);

    /** Binds {@code ids} to the parameter of {@link #isOneOf}. */
    abstract void bindIds(PreparedStatement statement, int index, Collection<String> ids) throws SQLException;

    /** Whether the database refused a statement for lack of a privilege, a row-level security policy included. */
    static boolean isPermissionDenied(SQLException e) {
        return "42501".equals(e.getSQLState());
    }
}
