package ai.lepton.track;

import java.sql.Connection;
import java.sql.SQLException;

/** One piece of JDBC work as one transaction: all of it or none, with the connection's auto-commit restored after. */
final class Transaction {

    /** The work: statements on the connection, and what they give back. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transaction() {}

    static <T> T run(Connection connection, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
