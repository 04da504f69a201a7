package ai.lepton.data;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads CSV, TSV and JSON-lines files into Tablesaw tables. Checks the text first (encoding, binary data, shape,
 * quotes) so errors name the line; lets Tablesaw detect column types (from a sample, and over every
 * row when a later value does not fit the sample's guess); then repairs and reports what does not fit.
 */
public final class DataLoader {

    private static final int MAX_CHARS_PER_CELL = 1 << 20;

    private DataLoader() {}

    /** Loads a data file by its kind: JSON lines for .jsonl and .ndjson, CSV or TSV otherwise. */
    public static LoadResult load(Path file, CsvOptions options) {
        String name = file.getFileName().toString().toLowerCase();
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") ? jsonLines(file, options) : csv(file, options);
    }

    /** Loads JSON lines: one object per line, keys as columns. */
    public static LoadResult jsonLines(Path file, CsvOptions options) {
        String text = DataText.read(file, options.encoding());
        Table table = JsonLines.read(file, text);
        int[] lines = JsonLines.recordLines(text);
        SchemaOverride.apply(file, table, options.types(), lines);
        return new LoadResult(table, new ColumnRepair(lines, options.types().keySet()).repair(table));
    }

    public static LoadResult csv(Path file, CsvOptions options) {
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
        SchemaOverride.apply(file, table, options.types(), scan.recordLines());
        List<String> notes =
                new ColumnRepair(scan.recordLines(), options.types().keySet()).repair(table);
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
