package ai.lepton.data.duckdb;

import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tablesaw tables as DuckDB sees them: the table function {@code lepton_table('KEY')} scans a table offered under KEY,
 * filling DuckDB's chunks column by column straight from the Tablesaw columns, and only the columns a query uses
 * (projection pushdown). Nothing is copied into DuckDB first: a group-by over two columns of a million rows reads two.
 */
final class TableScan {

    static final String FUNCTION = "lepton_table";

    private static final Map<String, Table> OFFERED = new ConcurrentHashMap<>();

    private TableScan() {}

    /** Makes {@code lepton_table} known to the database of {@code connection}; once per database. */
    static void register(DuckDBConnection connection) throws SQLException {
        DuckDBFunctions.tableFunction()
                .withName(FUNCTION)
                .withParameter(String.class)
                .withProjectionPushdown()
                .withFunction(new Function())
                .register(connection);
    }

    /** Offers {@code table} to queries as {@code lepton_table('KEY')} until the returned handle is closed. */
    static Offer offer(Table table) {
        String key = "t" + Long.toUnsignedString(System.nanoTime(), 36) + "_" + System.identityHashCode(table);
        OFFERED.put(key, table);
        return new Offer(key);
    }

    /** The SQL that scans the offered table: {@code lepton_table('KEY')}. */
    record Offer(String key) implements AutoCloseable {
        String scan() {
            return FUNCTION + "(" + DuckDb.literal(key) + ")";
        }

        @Override
        public void close() {
            OFFERED.remove(key);
        }
    }

    /** Where one scan stands: the columns DuckDB asked for and the next row to give. */
    private static final class Cursor {
        final Column<?>[] columns;
        int next;

        Cursor(Column<?>[] columns) {
            this.columns = columns;
        }
    }

    private static final class Function implements DuckDBTableFunction<Table, Cursor, Object> {
        @Override
        public Table bind(DuckDBTableFunctionBindInfo info) {
            String key = info.getParameter(0).getString();
            Table table = OFFERED.get(key);
            if (table == null) {
                throw new IllegalArgumentException(FUNCTION + "('" + key + "') names no table Lepton offered");
            }
            for (Column<?> column : table.columns()) {
                info.addResultColumn(column.name(), type(column));
            }
            info.setCardinality(table.rowCount(), true);
            return table;
        }

        @Override
        public Cursor init(DuckDBTableFunctionInitInfo info) {
            info.setMaxThreads(1); // one thread keeps the rows in the table's order
            Table table = info.getBindData();
            Column<?>[] columns = new Column<?>[(int) info.getColumnCount()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = table.column((int) info.getColumnIndex(i));
            }
            return new Cursor(columns);
        }

        @Override
        public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter output) {
            Cursor cursor = info.getInitData();
            Table table = info.getBindData();
            int from = cursor.next;
            int rows = (int) Math.min(output.capacity(), table.rowCount() - from);
            for (int i = 0; i < cursor.columns.length; i++) {
                fill(cursor.columns[i], output.vector(i), from, rows);
            }
            cursor.next = from + rows;
            return rows;
        }
    }

    private static DuckDBColumnType type(Column<?> column) {
        return switch (column) {
            case DoubleColumn ignored -> DuckDBColumnType.DOUBLE;
            case FloatColumn ignored -> DuckDBColumnType.FLOAT;
            case IntColumn ignored -> DuckDBColumnType.INTEGER;
            case LongColumn ignored -> DuckDBColumnType.BIGINT;
            case ShortColumn ignored -> DuckDBColumnType.SMALLINT;
            case BooleanColumn ignored -> DuckDBColumnType.BOOLEAN;
            case DateColumn ignored -> DuckDBColumnType.DATE;
            case DateTimeColumn ignored -> DuckDBColumnType.TIMESTAMP;
            case InstantColumn ignored -> DuckDBColumnType.TIMESTAMP_WITH_TIME_ZONE;
            default -> DuckDBColumnType.VARCHAR; // text, and times as ISO text (DuckDB's vectors take no LocalTime)
        };
    }

    /** Writes rows {@code from .. from + rows} of {@code column} into {@code vector}, missing values as NULL. */
    private static void fill(Column<?> column, DuckDBWritableVector vector, int from, int rows) {
        if (type(column) == DuckDBColumnType.VARCHAR) { // strings go across in one batch
            String[] values = new String[rows];
            for (int row = 0; row < rows; row++) {
                values[row] = column.isMissing(from + row) ? null : column.getString(from + row);
            }
            vector.setStrings(0, values);
            return;
        }
        Setter setter = setter(column);
        for (int row = 0; row < rows; row++) {
            if (column.isMissing(from + row)) {
                vector.setNull(row);
            } else {
                setter.set(vector, row, from + row);
            }
        }
    }

    /** Sets a vector's row {@code at} to the value at {@code row} of a column. */
    private interface Setter {
        void set(DuckDBWritableVector vector, int at, int row);
    }

    private static Setter setter(Column<?> column) {
        return switch (column) {
            case DoubleColumn doubles -> (vector, at, row) -> vector.setDouble(at, doubles.getDouble(row));
            case FloatColumn floats -> (vector, at, row) -> vector.setFloat(at, floats.getFloat(row));
            case IntColumn ints -> (vector, at, row) -> vector.setInt(at, ints.getInt(row));
            case LongColumn longs -> (vector, at, row) -> vector.setLong(at, longs.getLong(row));
            case ShortColumn shorts -> (vector, at, row) -> vector.setShort(at, shorts.getShort(row));
            case BooleanColumn booleans -> (vector, at, row) -> vector.setBoolean(at, booleans.get(row));
            case DateColumn dates -> (vector, at, row) -> vector.setDate(at, dates.get(row));
            case DateTimeColumn times -> (vector, at, row) -> vector.setTimestamp(at, times.get(row));
            case InstantColumn instants ->
                (vector, at, row) ->
                        vector.setOffsetDateTime(at, instants.get(row).atOffset(ZoneOffset.UTC));
            default -> throw new IllegalStateException("no setter for " + column.type() + " (sent as text)");
        };
    }
}
