package ai.lepton.data;

import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads CSV and TSV files into Tablesaw tables. Checks the text first (encoding, binary data, shape,
 * quotes) so errors name the line; lets Tablesaw detect column types over every row, not a sample;
 * then repairs and reports what does not fit.
 */
public final class DataLoader {

    private static final int MAX_CHARS_PER_CELL = 1 << 20;

    private DataLoader() {
    }

    public static LoadResult csv(Path file, CsvOptions options) {
        String text = CsvText.read(file, options.encoding());
        CsvScan scan = CsvScan.of(file, text, options.separator());
        Table table;
        try {
            table = Table.read().usingOptions(CsvReadOptions.builder(new StringReader(text))
                    .tableName(tableName(file))
                    .separator(scan.separator())
                    .missingValueIndicator(options.missingTokens().toArray(String[]::new))
                    .sample(false)
                    .maxCharsPerColumn(MAX_CHARS_PER_CELL)
                    .build());
        } catch (RuntimeException e) {
            throw new DataException("Cannot read " + file + " as CSV: " + e.getMessage());
        }
        List<String> notes = new ColumnRepair(scan.recordLines()).repair(table);
        return new LoadResult(table, notes);
    }

    private static String tableName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
