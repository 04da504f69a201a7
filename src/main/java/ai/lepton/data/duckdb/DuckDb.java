package ai.lepton.data.duckdb;

import ai.lepton.base.LeftFiles;
import org.duckdb.DuckDBConnection;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The JVM's in-process DuckDB database, in memory, opened on first use. Each query runs on a connection of its own
 * (duplicated from the one database), so a notebook's query and a background load do not share a statement's state.
 */
public final class DuckDb {

    private static DuckDBConnection database;

    private DuckDb() {}

    /** A new connection to the JVM's database; the caller closes it. */
    static synchronized DuckDBConnection connect() {
        try {
            if (database == null) {
                removeLeftLibraries(
                        Path.of(System.getProperty("java.io.tmpdir")),
                        Instant.now().minus(Duration.ofMinutes(10)));
                DuckDBConnection opened =
                        (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", withoutExtensionDownloads());
                TableScan.register(opened);
                database = opened;
            }
            return (DuckDBConnection) database.duplicate();
        } catch (SQLException e) {
            throw new DuckDbException(
                    "Could not open DuckDB in this JVM: " + e.getMessage()
                            + ". Its native library comes inside the duckdb_jdbc jar and is unpacked to java.io.tmpdir ("
                            + System.getProperty("java.io.tmpdir") + "), which must be writable.",
                    e);
        }
    }

    /**
     * DuckDB's settings that stop a query from fetching or loading extensions by itself (a query naming an https URL
     * or a spatial function would otherwise download code into this JVM): an explicit {@code INSTALL} / {@code LOAD}
     * still works where there is a network. CSV, Parquet and JSON are built into the driver.
     */
    private static Properties withoutExtensionDownloads() {
        Properties settings = new Properties();
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("autoload_known_extensions", "false");
        return settings;
    }

    /**
     * Removes the copies of DuckDB's native library (71 MB each) that JVMs killed before their exit hooks ran left in
     * the temporary folder: a kernel restart kills its session JVM, so a team server would fill its disk. Only copies
     * older than {@code before} go (a JVM starting now may be between unpacking and loading its copy);
     * a JVM that has loaded its copy keeps it mapped after the file is gone.
     */
    static void removeLeftLibraries(Path folder, Instant before) {
        LeftFiles.removeOlder(folder, "libduckdb_java*.so", before);
    }

    /** Runs {@code sql} and returns its result as a table named {@code tableName}. */
    public static Table query(String sql, String tableName) {
        QueryConnection query = QueryConnection.open();
        try {
            return TableReader.read(query.connection(), sql, tableName);
        } catch (SQLException e) {
            throw query.failure(e, failed -> DuckDbErrors.of(failed, ""));
        } finally {
            query.close();
        }
    }

    /**
     * Runs {@code sql} over {@code datasets}, each a table by its name (a view of the Tablesaw table, read in place),
     * and returns the result as a table named {@code resultName}. A query that names no table of DuckDB's says which
     * datasets there are.
     */
    public static Table query(String sql, Map<String, Table> datasets, String resultName) {
        String text = sql.toLowerCase(Locale.ROOT);
        List<TableScan.Offer> offers = new ArrayList<>();
        QueryConnection query = QueryConnection.open();
        try {
            for (Map.Entry<String, Table> dataset : datasets.entrySet()) {
                if (text.contains(dataset.getKey().toLowerCase(Locale.ROOT))) { // a view only for the names it uses
                    TableScan.Offer offer = TableScan.offer(dataset.getValue());
                    offers.add(offer);
                    execute(
                            query.connection(),
                            "CREATE TEMP VIEW " + identifier(dataset.getKey()) + " AS SELECT * FROM " + offer.scan());
                }
            }
            return TableReader.read(query.connection(), sql, resultName);
        } catch (SQLException e) {
            throw query.failure(e, failed -> DuckDbErrors.of(failed, datasets.keySet()));
        } finally {
            query.close();
            offers.forEach(TableScan.Offer::close);
        }
    }

    /**
     * Writes {@code table} to {@code file} with DuckDB's COPY; {@code format} is its COPY options, such as
     * {@code FORMAT parquet}. The caller makes the file appear whole.
     */
    public static void copy(Table table, Path file, String format) {
        QueryConnection query = QueryConnection.open();
        try (TableScan.Offer offer = TableScan.offer(table)) {
            execute(
                    query.connection(),
                    "COPY (SELECT * FROM " + offer.scan() + ") TO " + literal(file.toString()) + " (" + format + ")");
        } catch (SQLException e) {
            throw query.failure(e, failed -> DuckDbErrors.of(failed, ""));
        } finally {
            query.close();
        }
    }

    /** Runs a statement that returns no rows (COPY, CREATE, SET). */
    static void execute(DuckDBConnection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** {@code text} as an SQL string literal. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** {@code name} as an SQL identifier, whatever characters it has. */
    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
