package ai.lepton.data.load;

import ai.lepton.data.DataException;
import ai.lepton.data.duckdb.DuckDb;
import ai.lepton.data.duckdb.DuckDbException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.strings.StringColumnType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

/**
 * CSV and TSV read by DuckDB's parallel reader: the fast path for a large, well-formed UTF-8 file. Lepton's own checks
 * (encoding, binary data, separator, header, shape, quotes) run over the file's first megabyte; DuckDB reads the whole
 * with that separator, strictly. Whatever either refuses (bad bytes, ragged rows, a stray quote, a value its type guess
 * did not expect, deep in the file) goes to Lepton's checked reader, which detects types over every row, repairs what
 * it can and names the line of what it cannot. Small files go there directly: it is as quick for them.
 */
final class DuckCsv {

    /** The types DuckDB may guess; not BOOLEAN, whose words differ from Tablesaw's (see booleansAsTablesawReadsThem). */
    private static final String TYPE_CANDIDATES = "['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'TIME', 'VARCHAR']";

    private static final Set<String> TRUE_WORDS = Set.of("true", "TRUE", "True", "T", "t", "Y", "y");
    private static final Set<String> BOOLEAN_WORDS =
            Set.of("true", "TRUE", "True", "T", "t", "Y", "y", "false", "FALSE", "False", "F", "f", "N", "n");

    /** Files smaller than this are read by the checked reader alone. */
    static final int MIN_BYTES = 1 << 20;

    private DuckCsv() {}

    /** Whether the fast path may read this file with these options: large, UTF-8, no column types to override. */
    static boolean applies(Path file, CsvOptions options) {
        try {
            return options.encoding().equals(StandardCharsets.UTF_8)
                    && options.types().isEmpty()
                    && Files.isRegularFile(file)
                    && Files.size(file) >= MIN_BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    /** The file as a table, or empty when its first megabyte fails Lepton's checks or DuckDB does not read it cleanly. */
    static Optional<Table> read(Path file, CsvOptions options, String tableName) {
        CsvScan head;
        try {
            head = CsvScan.of(file, firstLines(file), options.separator());
        } catch (DataException | IOException checked) { // bad bytes and binary data among them
            return Optional.empty();
        }
        String missing = options.missingTokens().stream().map(DuckDb::literal).collect(Collectors.joining(", "));
        String sql = "SELECT * FROM read_csv(" + DuckDb.literal(file.toString())
                + ", header = true, strict_mode = true, null_padding = false, quote = '\"', escape = '\"'"
                + ", delim = " + DuckDb.literal(String.valueOf(head.separator()))
                + ", nullstr = [" + missing + "], auto_type_candidates = " + TYPE_CANDIDATES + ")";
        try {
            Table table = DuckDb.query(sql, tableName);
            if (!table.columnNames().equals(head.header())) {
                return Optional.empty();
            }
            booleansAsTablesawReadsThem(table);
            return Optional.of(table);
        } catch (DuckDbException refused) {
            return Optional.empty();
        }
    }

    /**
     * Text columns that hold only Tablesaw's words for true and false become boolean columns, as Tablesaw's reader makes
     * them (DuckDB's own guess differs: it takes yes/no too, which Tablesaw keeps as text).
     */
    private static void booleansAsTablesawReadsThem(Table table) {
        for (int index = 0; index < table.columnCount(); index++) {
            if (!(table.column(index) instanceof StringColumn text) || text.countMissing() == text.size()) {
                continue;
            }
            Set<String> values = new HashSet<>(text.unique().asList());
            values.remove(StringColumnType.missingValueIndicator());
            if (!BOOLEAN_WORDS.containsAll(values)) {
                continue;
            }
            BooleanColumn booleans = BooleanColumn.create(text.name());
            for (int row = 0; row < text.size(); row++) {
                if (text.isMissing(row)) {
                    booleans.appendMissing();
                } else {
                    booleans.append(TRUE_WORDS.contains(text.get(row)));
                }
            }
            table.replaceColumn(index, booleans);
        }
    }

    /** The file's first megabyte up to its last whole line, as UTF-8 text. */
    private static String firstLines(Path file) throws IOException {
        byte[] bytes = new byte[MIN_BYTES];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(bytes, 0, bytes.length);
        }
        int end = read;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (bytes[i] == 0) {
                throw new CharacterCodingException(); // binary: the checked reader says where
            }
        }
        String text = StandardCharsets.UTF_8
                .newDecoder()
                .decode(ByteBuffer.wrap(bytes, 0, end))
                .toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
    /**
     * The line each row's record starts on, for notes about its cells: found by Lepton's scan of the file, and only
     * when a note needs one (a quoted field may span lines, so it is not simply row + 2).
     */
    static IntUnaryOperator lines(Path file, CsvOptions options) {
        return new IntUnaryOperator() {
            private int[] lines;

            @Override
            public int applyAsInt(int row) {
                if (lines == null) {
                    lines = CsvScan.of(file, DataText.read(file, options.encoding()), options.separator())
                            .recordLines();
                }
                return lines[row];
            }
        };
    }
}
