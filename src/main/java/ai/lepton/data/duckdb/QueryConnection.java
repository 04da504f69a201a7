package ai.lepton.data.duckdb;

import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.util.function.Function;

/**
 * A connection of its own for one query, closed when the query ends or as soon as the thread that runs it is
 * interrupted (the kernel's stop interrupts the cell's thread): closing it makes DuckDB abandon the query, which a
 * thread waiting in native code would not notice itself, so a long query stops within the kernel's grace period and
 * the session lives on.
 */
final class QueryConnection implements AutoCloseable {

    private static final long POLL_MILLIS = 50;

    private final DuckDBConnection connection;
    private final Thread watcher;
    private volatile boolean ended;
    private volatile boolean interrupted;

    private QueryConnection(Thread caller) {
        this.connection = DuckDb.connect();
        this.watcher = Thread.ofVirtual().name("lepton-duckdb-interrupt").start(() -> {
            while (!ended) {
                if (caller.isInterrupted()) {
                    interrupted = true;
                    closeConnection();
                    return;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return; // the query ended
                }
            }
        });
    }

    /** Opens a connection watched for interrupts of this thread. */
    static QueryConnection open() {
        return new QueryConnection(Thread.currentThread());
    }

    DuckDBConnection connection() {
        return connection;
    }

    /** What to throw for {@code e}: the interrupt that caused it, or {@code errors}' reading of it. */
    DuckDbException failure(SQLException e, Function<SQLException, DuckDbException> errors) {
        return interrupted
                ? new DuckDbException("Interrupted: DuckDB stopped the query; nothing of it was kept.", e)
                : errors.apply(e);
    }

    @Override
    public void close() {
        ended = true;
        watcher.interrupt();
        closeConnection();
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closed already, or the database is going away with the JVM
        }
    }
}
