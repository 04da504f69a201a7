package ai.lepton.data.load;

import ai.lepton.data.DataException;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Loads CSV, TSV, JSON-lines and Parquet files into Tablesaw tables. A well-formed UTF-8 CSV is read by DuckDB
 * ({@link DuckCsv}); anything it refuses, and files with other encodings or overridden types, go through Lepton's own
 * checks of the text (encoding, binary data, shape, quotes), so errors name the line; Tablesaw then detects column
 * types over every row, and what does not fit is repaired and reported.
 */
public final class DataLoader {

    private static final int MAX_CHARS_PER_CELL = 1 << 20;

    private DataLoader() {}

    /**
     * Loads a data file by its kind: Parquet for .parquet and for a folder of Parquet parts, JSON lines for .jsonl and
     * .ndjson, CSV or TSV otherwise.
     */
    public static LoadResult load(Path file, CsvOptions options) {
        String name = file.getFileName().toString().toLowerCase();
        if (ParquetFiles.isParquet(file)) {
            if (!options.types().isEmpty()) {
                throw new DataException(file + " is Parquet, whose columns carry their types: --types applies to CSV"
                        + " and JSON lines. Convert a column in SQL instead, as in %%sql SELECT *, CAST(zip AS VARCHAR)"
                        + " AS zip_text FROM read_parquet('" + file + "').");
            }
            Table table = ParquetFiles.read(file, tableName(file));
            return new LoadResult(table, new ColumnRepair(row -> row + 1, Set.of()).repair(table));
        }
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") ? jsonLines(file, options) : csv(file, options);
    }

    /** Loads JSON lines: one object per line, keys as columns. */
    public static LoadResult jsonLines(Path file, CsvOptions options) {
        String text = DataText.read(file, options.encoding());
        Table table = JsonLines.read(file, text);
        int[] lines = JsonLines.recordLines(text);
        SchemaOverride.apply(file, table, options.types(), lines);
        return new LoadResult(
                table, new ColumnRepair(row -> lines[row], options.types().keySet()).repair(table));
    }

    public static LoadResult csv(Path file, CsvOptions options) {
        if (DuckCsv.applies(file, options)) {
            Optional<Table> fast = DuckCsv.read(file, options, tableName(file));
            if (fast.isPresent()) {
                return new LoadResult(
                        fast.get(), new ColumnRepair(DuckCsv.lines(file, options), Set.of()).repair(fast.get()));
            }
        }
        return checkedCsv(file, options);
    }

    /** Lepton's own CSV reader: every check over the whole text, then Tablesaw's parser. */
    static LoadResult checkedCsv(Path file, CsvOptions options) {
        String text = DataText.read(file, options.encoding());
        CsvScan scan = CsvScan.of(file, text, options.separator());
        Table table;
        try {
            table = read(file, text, scan, options, true);
        } catch (RuntimeException sampledTypeWasWrong) {
            // Tablesaw guesses types from a sample; a value beyond it that does not fit lands here.
            // Detecting types over every row makes such a column text, which the repair below handles.
            try {
                table = read(file, text, scan, options, false);
            } catch (RuntimeException e) {
                throw new DataException("Cannot read " + file + " as CSV: " + e.getMessage());
            }
        }
        int[] lines = scan.recordLines();
        SchemaOverride.apply(file, table, options.types(), lines);
        List<String> notes = new ColumnRepair(row -> lines[row], options.types().keySet()).repair(table);
        return new LoadResult(table, notes);
    }

    private static Table read(Path file, String text, CsvScan scan, CsvOptions options, boolean sampleTypes) {
        return Table.read()
                .usingOptions(CsvReadOptions.builder(new StringReader(text))
                        .tableName(tableName(file))
                        .separator(scan.separator())
                        .missingValueIndicator(options.missingTokens().toArray(String[]::new))
                        .sample(sampleTypes)
                        // overridden columns come in as text; SchemaOverride converts them and names a bad cell's line
                        .columnTypesPartial(name ->
                                Optional.ofNullable(options.types().containsKey(name) ? ColumnType.STRING : null))
                        .maxCharsPerColumn(MAX_CHARS_PER_CELL)
                        .build());
    }

    private static String tableName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
