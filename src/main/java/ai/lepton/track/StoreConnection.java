package ai.lepton.track;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A store's one JDBC connection, as the parts of a {@link RunStore} share it: each piece of work runs alone on it,
 * a write as one transaction, and a database error becomes a message naming what was being done and where.
 */
final class StoreConnection implements AutoCloseable {

    private final String url;
    private final Connection connection;
    private final String user;
    private final StoreDialect dialect;

    /**
     * @param url        the JDBC URL it was opened with, which may hold a password: messages show it redacted
     * @param connection the open connection, its schema migrated
     * @param user       who the store records as the owner of the runs started through it
     */
    StoreConnection(String url, Connection connection, String user, StoreDialect dialect) {
        this.url = url;
        this.connection = connection;
        this.user = user;
        this.dialect = dialect;
    }

    /** The URL without its query string or a password. */
    String url() {
        return Secrets.storeUrl(url);
    }

    String user() {
        return user;
    }

    StoreDialect dialect() {
        return dialect;
    }

    /** Statements that change the store and give nothing back. */
    @FunctionalInterface
    interface Change {
        void apply(Connection transaction) throws SQLException;
    }

    /** One write as one transaction: all of it or none. */
    void write(String what, Change change) {
        writeAndRead(what, transaction -> {
            change.apply(transaction);
            return null;
        });
    }

    /** One transaction that writes and reads back what it needs. */
    synchronized <T> T writeAndRead(String what, Transaction.Work<T> work) {
        try {
            return Transaction.run(connection, work);
        } catch (SQLException e) {
            if (StoreDialect.isPermissionDenied(e)) { // the database's own check, for a write that got past RunStore's
                throw new TrackingException(
                        "Could not " + what + " in " + url() + ": the store refused it for " + user + " ("
                                + e.getMessage() + "). Runs are changed only by their owners; start a run of your own.",
                        e);
            }
            throw new TrackingException("Could not " + what + " in " + url() + ": " + e.getMessage(), e);
        }
    }

    synchronized <T> T read(String what, Transaction.Work<T> query) {
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
