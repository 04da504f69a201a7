package ai.lepton.data.duckdb;

import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBReadableVector;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;
import tech.tablesaw.columns.Column;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A query's result as a Tablesaw table, moved column by column from DuckDB's result chunks (2048 rows each, read from
 * native memory) rather than row by row through JDBC. The query is first wrapped so that DuckDB casts each column to
 * one of the few types a Tablesaw table holds; a column of a type it cannot hold (nested, binary, interval) is refused,
 * by name, with what to do instead.
 */
public final class TableReader {

    /** Below this many rows, text columns come across a string per row: coding them would cost more than it saves. */
    private static final long CODED_MIN_ROWS = 20_000;

    private TableReader() {}

    /** What a result column becomes in Tablesaw, and the DuckDB type it is cast to on the way. */
    private enum Kind {
        BOOLEAN("BOOLEAN"),
        INTEGER("BIGINT"), // IntColumn when every value fits an int, as Tablesaw's own CSV reader chooses
        DOUBLE("DOUBLE"),
        TEXT("VARCHAR"),
        DATE("DATE"),
        DATE_TIME("TIMESTAMP"),
        TIME("VARCHAR"); // no LocalTime getter on DuckDB's vectors: read as ISO text

        final String castTo;

        Kind(String castTo) {
            this.castTo = castTo;
        }
    }

    /** Runs {@code sql} on {@code connection} and returns the result as a table named {@code tableName}. */
    static Table read(DuckDBConnection connection, String sql, String tableName) throws SQLException {
        List<String> names = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        try (DuckDBPreparedStatement described = (DuckDBPreparedStatement) connection.prepareStatement(sql)) {
            DuckDBResultSetMetaData meta = (DuckDBResultSetMetaData) described.getMetaData();
            if (meta.getReturnType() != StatementReturnType.QUERY_RESULT) { // COPY, CREATE, SET: run, no rows
                described.execute();
                return Table.create(tableName);
            }
            Set<String> seen = new HashSet<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String name = meta.getColumnLabel(i);
                if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                    throw new DuckDbException("The result has two columns named '" + name + "': a table's columns need"
                            + " names of their own. Rename one (SELECT ... AS other_name).");
                }
                names.add(name);
                kinds.add(kind(name, meta.getColumnTypeName(i)));
            }
        }
        String source = "lepton_result_" + Long.toUnsignedString(System.nanoTime(), 36);
        DuckDb.execute(connection, "CREATE TEMP TABLE " + source + " AS " + sql + "\n");
        String[] enumTypes = new String[names.size()];
        try {
            int rows = rowCount(connection, source); // exact: the columns are allocated once, at their size
            String[][] dictionaries = dictionaries(connection, source, rows, names, kinds, enumTypes);
            StringBuilder select = new StringBuilder("SELECT ");
            List<Filler> fillers = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String column = DuckDb.identifier(names.get(i));
                String value = dictionaries[i] == null
                        ? "CAST(" + column + " AS " + kinds.get(i).castTo + ")"
                        : "CAST(enum_code(CAST(CAST(" + column + " AS VARCHAR) AS " + enumTypes[i] + ")) AS INTEGER)";
                select.append(i == 0 ? "" : ", ").append(value).append(" AS ").append(column);
                fillers.add(
                        dictionaries[i] == null
                                ? filler(kinds.get(i), names.get(i), rows)
                                : coded(names.get(i), dictionaries[i]));
            }
            select.append(" FROM ").append(source);
            try (DuckDBPreparedStatement statement =
                            (DuckDBPreparedStatement) connection.prepareStatement(select.toString());
                    DuckDBChunkedResult result = statement.query()) {
                while (result.nextChunk()) {
                    DuckDBDataChunkReader chunk = result.chunk();
                    int chunkRows = Math.toIntExact(chunk.rowCount());
                    for (int i = 0; i < fillers.size(); i++) {
                        fillers.get(i).add(chunk.vector(i), chunkRows);
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        throw new DuckDbException("Reading the result was interrupted; nothing was kept.");
                    }
                }
            }
            Table table = Table.create(tableName);
            fillers.forEach(filler -> table.addColumns(filler.column()));
            return table;
        } finally {
            DuckDb.execute(connection, "DROP TABLE IF EXISTS " + source);
            for (String type : enumTypes) {
                if (type != null) {
                    DuckDb.execute(connection, "DROP TYPE IF EXISTS " + type);
                }
            }
        }
    }

    /**
     * For each text column that repeats its values (most do: categories, labels), the values it has, so that its rows
     * come across as small integer codes (into an ENUM type of those values, named in {@code enumTypes} for the caller
     * to use and drop) instead of one string each; null for other columns.
     */
    private static String[][] dictionaries(
            DuckDBConnection connection,
            String source,
            long rows,
            List<String> names,
            List<Kind> kinds,
            String[] enumTypes)
            throws SQLException {
        String[][] dictionaries = new String[names.size()][];
        List<Integer> texts = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (kinds.get(i) == Kind.TEXT) {
                texts.add(i);
                counts.add("approx_count_distinct(" + DuckDb.identifier(names.get(i)) + ")");
            }
        }
        if (texts.isEmpty() || rows < CODED_MIN_ROWS) {
            return dictionaries;
        }
        long[] distinct = new long[texts.size()];
        try (Statement statement = connection.createStatement();
                ResultSet counted = statement.executeQuery("SELECT " + String.join(", ", counts) + " FROM " + source)) {
            counted.next();
            for (int t = 0; t < texts.size(); t++) {
                distinct[t] = counted.getLong(t + 1);
            }
        }
        for (int t = 0; t < texts.size(); t++) {
            if (distinct[t] * 8 > rows) {
                continue; // mostly distinct values: one string each is as cheap
            }
            int i = texts.get(t);
            String column = DuckDb.identifier(names.get(i));
            enumTypes[i] = source + "_values_" + i;
            DuckDb.execute(
                    connection,
                    "CREATE TYPE " + enumTypes[i] + " AS ENUM (SELECT DISTINCT CAST(" + column + " AS VARCHAR) FROM "
                            + source + " WHERE " + column + " IS NOT NULL)");
            List<String> values = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet range = statement.executeQuery("SELECT unnest(enum_range(NULL::" + enumTypes[i] + "))")) {
                while (range.next()) {
                    values.add(range.getString(1));
                }
            }
            dictionaries[i] = values.toArray(String[]::new);
        }
        return dictionaries;
    }

    private static int rowCount(DuckDBConnection connection, String source) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet counted = statement.executeQuery("SELECT count(*) FROM " + source)) {
            counted.next();
            long rows = counted.getLong(1);
            if (rows > Integer.MAX_VALUE - 8) {
                throw new DuckDbException("The result has " + rows + " rows, more than a table holds (about 2.1"
                        + " billion): filter or aggregate it in SQL first.");
            }
            return (int) rows;
        }
    }

    private static Kind kind(String column, String typeName) {
        String type = typeName.toUpperCase(Locale.ROOT);
        String base = type.replaceAll("[(\\[].*", "").strip();
        if (type.endsWith("]") || Set.of("STRUCT", "MAP", "UNION", "LIST").contains(base)) {
            throw new DuckDbException("Column '" + column + "' is " + typeName + ", a nested type that a table's column"
                    + " cannot hold. Select its parts instead: unnest(" + column + ") for a list, " + column
                    + ".field for a struct, or CAST(" + column + " AS VARCHAR) to keep it as text (with %%sql, or"
                    + " read_parquet in Lepton.sql).");
        }
        return switch (base) {
            case "BOOLEAN" -> Kind.BOOLEAN;
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER" -> Kind.INTEGER;
            case "UBIGINT", "HUGEINT", "UHUGEINT", "DECIMAL", "FLOAT", "DOUBLE" -> Kind.DOUBLE;
            case "VARCHAR", "UUID", "ENUM", "JSON" -> Kind.TEXT;
            case "DATE" -> Kind.DATE;
            case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "DATETIME" -> Kind.DATE_TIME;
            case "TIME" -> Kind.TIME;
            default ->
                throw new DuckDbException("Column '" + column + "' is " + typeName + ", which a table's column"
                        + " cannot hold. Convert it in SQL (CAST(" + column + " AS VARCHAR), or epoch(" + column
                        + ") for an interval or time zone), or leave it out of the SELECT.");
        };
    }

    /** Collects one result column's values, chunk by chunk, into a Tablesaw column. */
    private interface Filler {
        void add(DuckDBReadableVector vector, int rows);

        Column<?> column();
    }

    private static Filler filler(Kind kind, String name, int rows) {
        return switch (kind) {
            case BOOLEAN -> new ValueFiller(BooleanColumn.create(name), (v, row) -> v.getBoolean(row));
            case INTEGER -> new IntegerFiller(name, rows);
            case DOUBLE -> new DoubleFiller(name, rows);
            case TEXT -> new ValueFiller(StringColumn.create(name), (v, row) -> v.getString(row));
            case DATE -> new ValueFiller(DateColumn.create(name), (v, row) -> v.getLocalDate(row));
            case DATE_TIME -> new ValueFiller(DateTimeColumn.create(name), (v, row) -> v.getLocalDateTime(row));
            case TIME ->
                new ValueFiller(TimeColumn.create(name), (v, row) -> {
                    String text = v.getString(row);
                    return text == null ? null : LocalTime.parse(text);
                });
        };
    }

    private static final class DoubleFiller implements Filler {
        private final String name;
        private final double[] values;
        private int size;

        DoubleFiller(String name, int rows) {
            this.name = name;
            this.values = new double[rows];
        }

        @Override
        public void add(DuckDBReadableVector vector, int rows) {
            for (int row = 0; row < rows; row++) {
                values[size++] = vector.getDouble(row, Double.NaN); // NaN: Tablesaw's missing double
            }
        }

        @Override
        public Column<?> column() {
            return DoubleColumn.create(name, values);
        }
    }

    private static final class IntegerFiller implements Filler {
        private final String name;
        private final long[] values;
        private int size;
        private boolean fitsInt = true;

        IntegerFiller(String name, int rows) {
            this.name = name;
            this.values = new long[rows];
        }

        @Override
        public void add(DuckDBReadableVector vector, int rows) {
            for (int row = 0; row < rows; row++) {
                long value = vector.getLong(row, Long.MIN_VALUE); // Long.MIN_VALUE: Tablesaw's missing long
                fitsInt &= value == Long.MIN_VALUE || value > Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
                values[size++] = value;
            }
        }

        @Override
        public Column<?> column() {
            if (!fitsInt) {
                return LongColumn.create(name, values);
            }
            int[] ints = new int[size];
            for (int i = 0; i < size; i++) {
                ints[i] = values[i] == Long.MIN_VALUE ? Integer.MIN_VALUE : (int) values[i];
            }
            return IntColumn.create(name, ints);
        }
    }

    /** A text column whose rows come as codes into its {@code values}: each row appends a shared string. */
    private static Filler coded(String name, String[] values) {
        return new ValueFiller(StringColumn.create(name), (vector, row) -> values[vector.getInt(row)]);
    }

    /** A column filled value by value through a getter (a row DuckDB has as NULL is missing). */
    private static final class ValueFiller implements Filler {
        interface Getter {
            Object get(DuckDBReadableVector vector, long row);
        }

        private final Column<Object> column;
        private final Getter getter;

        @SuppressWarnings("unchecked")
        ValueFiller(Column<?> column, Getter getter) {
            this.column = (Column<Object>) column;
            this.getter = getter;
        }

        @Override
        public void add(DuckDBReadableVector vector, int rows) {
            for (int row = 0; row < rows; row++) {
                Object value = vector.isNull(row) ? null : getter.get(vector, row);
                if (value == null) {
                    column.appendMissing();
                } else {
                    column.append(value);
                }
            }
        }

        @Override
        public Column<?> column() {
            return column;
        }
    }
}
