package ai.lepton.data.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.data.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

class DataLoaderTest {

    private static final Path DATASETS = Path.of("..", "datasets");

    @TempDir
    Path dir;

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("empty", "".getBytes(), "is empty"),
                Arguments.of("blank", "  \n\n".getBytes(), "is empty"),
                Arguments.of("header only", "a,b,c\n".getBytes(), "has a header line but no rows"),
                Arguments.of("too few fields", "a,b,c\n1,2,3\n4,5\n".getBytes(), "line 3 has 2 (too few)"),
                Arguments.of("too many fields", "a,b\n1,2\n3,4\n5,6,7\n".getBytes(), "line 4 has 3 (too many)"),
                Arguments.of(
                        "unbalanced quote",
                        "a,b\n\"open,1\n2,3\n".getBytes(),
                        "a quote opened on line 2 is never closed"),
                Arguments.of(
                        "binary",
                        new byte[] {'P', 'K', 3, 4, 0, 0, 1},
                        "is binary data, not text (a NUL byte at offset 4"),
                Arguments.of(
                        "latin-1",
                        "name,city\nx,Montr\u00e9al\n".getBytes(StandardCharsets.ISO_8859_1),
                        "is not UTF-8 text: byte 0xE9 at offset 17 (line 2)"),
                Arguments.of(
                        "duplicate names",
                        "id,x,id\n1,2,3\n".getBytes(),
                        "the column name 'id' appears twice (columns 1 and 3)"),
                Arguments.of("unnamed column", "a,,c\n1,2,3\n".getBytes(), "column 2 of the header has no name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenFilesAreRefusedWithWhereAndHow(String name, byte[] content, String expected) throws IOException {
        Path file = Files.write(dir.resolve(name.replace(' ', '-') + ".csv"), content);
        DataException error = assertThrows(DataException.class, () -> DataLoader.csv(file, CsvOptions.defaults()));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), "names the file: " + error.getMessage());
    }

    @Test
    void aMissingFileNamesWhereItLooked() {
        DataException error =
                assertThrows(DataException.class, () -> DataLoader.csv(dir.resolve("nope.csv"), CsvOptions.defaults()));
        assertTrue(
                error.getMessage().startsWith("No file ") && error.getMessage().contains("notebook's folder"),
                error.getMessage());
    }

    @Test
    void aWrongSeparatorIsNamedWithTheRightOne() throws IOException {
        Path file = Files.writeString(dir.resolve("comma.csv"), "a,b,c\n1,2,3\n4,5,6\n");
        CsvOptions semicolon = CsvOptions.builder().optSeparator(';').build();
        DataException error = assertThrows(DataException.class, () -> DataLoader.csv(file, semicolon));
        assertTrue(error.getMessage().contains("looks separated by comma. Use --sep ','"), error.getMessage());
    }

    @Test
    void aWordDeepInANumericColumnBecomesMissingAndIsReported() throws IOException {
        StringBuilder csv = new StringBuilder("id,value\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(i)
                    .append(',')
                    .append(i == 4321 ? "oops" : String.valueOf(i * 0.5))
                    .append('\n');
        }
        LoadResult result = DataLoader.csv(Files.writeString(dir.resolve("junk.csv"), csv), CsvOptions.defaults());
        Table table = result.table();
        assertEquals(ColumnType.DOUBLE, table.column("value").type());
        assertTrue(table.doubleColumn("value").isMissing(4321));
        assertEquals(1, table.doubleColumn("value").countMissing());
        assertTrue(
                result.notes().getFirst().contains("line 4323 'oops'"),
                result.notes().toString());
    }

    @Test
    void nanIsMissingAndInfinityIsReported() throws IOException {
        StringBuilder csv = new StringBuilder("x\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i == 3 ? "NaN" : i == 7 ? "Infinity" : i == 9 ? "-Infinity" : String.valueOf(i + 0.5))
                    .append('\n');
        }
        LoadResult result = DataLoader.csv(Files.writeString(dir.resolve("inf.csv"), csv), CsvOptions.defaults());
        assertEquals(3, result.table().doubleColumn("x").countMissing());
        assertTrue(
                result.notes().getFirst().contains("2 infinite value(s), now missing: line 9, line 11"),
                result.notes().toString());
    }

    @Test
    void aColumnWithNoValuesIsPointedOut() throws IOException {
        LoadResult result = DataLoader.csv(
                Files.writeString(dir.resolve("empty-col.csv"), "a,b\n1,NA\n2,\n"), CsvOptions.defaults());
        assertTrue(result.notes().stream()
                .anyMatch(n -> n.contains(
                        "column 'b' has no values in any row: drop it (optDrop(List.of(\"b\")), or --drop b)")));
    }

    @Test
    void sniffsTabsAndKeepsQuotedSeparatorsAndNewlines() throws IOException {
        Path file = Files.writeString(
                dir.resolve("q.tsv"), "name\tnote\tn\n\"Smith, J\"\t\"two\nlines\"\t1\nLee\tplain\t2\n");
        LoadResult result = DataLoader.csv(file, CsvOptions.defaults());
        assertEquals(2, result.table().rowCount());
        assertEquals("Smith, J", result.table().stringColumn("name").get(0));
        assertEquals("two\nlines", result.table().stringColumn("note").get(0));
    }

    @Test
    void readsThePenguinsWithTheirMissingValues() {
        LoadResult result = DataLoader.csv(DATASETS.resolve("penguins.csv"), CsvOptions.defaults());
        Table penguins = result.table();
        assertEquals(344, penguins.rowCount());
        assertEquals(8, penguins.columnCount());
        assertEquals(ColumnType.STRING, penguins.column("species").type());
        assertEquals(2, penguins.column("bill_length_mm").countMissing());
        assertEquals(11, penguins.column("sex").countMissing());
        assertEquals("penguins", penguins.name());
        assertTrue(result.notes().isEmpty(), result.notes().toString());
    }

    @Test
    void readsWineAndDigits() {
        assertEquals(
                178,
                DataLoader.csv(DATASETS.resolve("wine.csv"), CsvOptions.defaults())
                        .table()
                        .rowCount());
        Table digits = DataLoader.csv(DATASETS.resolve("digits.csv"), CsvOptions.defaults())
                .table();
        assertEquals(1797, digits.rowCount());
        assertEquals(65, digits.columnCount());
    }

    @Test
    void readsJsonLinesWithMissingKeysAndNulls() throws IOException {
        Path file = Files.writeString(
                dir.resolve("people.jsonl"),
                "{\"name\": \"Ada\", \"age\": 36, \"city\": \"London\"}\n\n"
                        + "{\"age\": null, \"name\": \"Alan\"}\n"
                        + "{\"name\": \"Grace\", \"age\": 85, \"city\": \"NYC\", \"rank\": 1}\n");
        Table table = DataLoader.load(file, CsvOptions.defaults()).table();
        assertEquals(List.of("name", "age", "city", "rank"), table.columnNames());
        assertEquals(3, table.rowCount());
        assertEquals(ColumnType.DOUBLE, table.column("age").type());
        assertTrue(table.doubleColumn("age").isMissing(1));
        assertTrue(table.stringColumn("city").isMissing(1));
        assertEquals(2, table.column("rank").countMissing());
        assertEquals("people", table.name());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "not json|{\"a\": 1}\\n{\"a\": |line 2 is not valid JSON",
                "an array|{\"a\": 1}\\n[1, 2]|line 2 is not a JSON object",
                "nested|{\"a\": {\"b\": 1}}|line 1, key 'a' holds a nested object. Flatten it"
            })
    void brokenJsonLinesNameTheLine(String name, String content, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve(name.replace(' ', '-') + ".jsonl"), content.replace("\\n", "\n"));
        DataException error = assertThrows(DataException.class, () -> DataLoader.load(file, CsvOptions.defaults()));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void aJsonLineNestedThousandsDeepIsRefusedInOneShortSentence() throws IOException {
        Path file = Files.writeString(
                dir.resolve("deep.jsonl"), "{\"a\": 1}\n{\"a\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}\n");
        DataException error = assertThrows(DataException.class, () -> DataLoader.load(file, CsvOptions.defaults()));
        assertEquals(
                file + ": line 2 is not valid JSON: it nests deeper than 64 levels (line 1, column 71). Each line must"
                        + " hold one JSON object.",
                error.getMessage());
    }

    @Test
    void columnTypesOverrideDetectionAndKeepLeadingZeros() throws IOException {
        Path file = Files.writeString(
                dir.resolve("shops.csv"),
                "zip,opened,open_late,staff\n01234,2024-05-31,yes,3\n98765,2023-01-02,no,12\n");
        CsvOptions options = CsvOptions.builder()
                .optColumnType("zip", ColumnKind.TEXT)
                .optColumnType("open_late", ColumnKind.BOOLEAN)
                .optColumnType("staff", ColumnKind.NUMBER)
                .build();
        Table table = DataLoader.csv(file, options).table();
        assertEquals(ColumnType.STRING, table.column("zip").type());
        assertEquals("01234", table.stringColumn("zip").get(0));
        assertEquals(ColumnType.BOOLEAN, table.column("open_late").type());
        assertEquals(false, table.booleanColumn("open_late").get(1));
        assertEquals(ColumnType.DOUBLE, table.column("staff").type());
        assertEquals(
                ColumnType.LOCAL_DATE, table.column("opened").type(), "ISO dates are detected without an override");
    }

    @Test
    void aValueThatDoesNotFitItsColumnTypeNamesTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve("when.csv"), "id,when\n1,2024-05-31\n2,\n3,31/05/2024\n");
        DataException error = assertThrows(
                DataException.class,
                () -> DataLoader.csv(
                        file,
                        CsvOptions.builder()
                                .optColumnType("when", ColumnKind.DATE)
                                .build()));
        assertTrue(
                error.getMessage()
                        .contains("line 4, column 'when': '31/05/2024' is not an ISO date such as 2024-05-31"),
                error.getMessage());
        DataException unknown = assertThrows(
                DataException.class,
                () -> DataLoader.csv(
                        file,
                        CsvOptions.builder()
                                .optColumnType("wen", ColumnKind.DATE)
                                .build()));
        assertTrue(
                unknown.getMessage()
                        .contains(
                                "the column types name 'wen', which is not a column. Did you mean when? Columns: id, when"),
                unknown.getMessage());
        DataException kind = assertThrows(DataException.class, () -> ColumnKind.named("timestamp"));
        assertTrue(
                kind.getMessage().contains("Use one of: text, number, integer, date, datetime, boolean"),
                kind.getMessage());
    }

    @Test
    void columnTypesApplyToJsonLinesAndNameTheirLine() throws IOException {
        Path file = Files.writeString(
                dir.resolve("events.jsonl"),
                "{\"code\": \"007\", \"at\": \"2024-01-01 10:30:00\"}\n\n{\"code\": \"x\", \"at\": \"soon\"}\n");
        DataException error = assertThrows(
                DataException.class,
                () -> DataLoader.load(
                        file,
                        CsvOptions.builder()
                                .optColumnType("at", ColumnKind.DATETIME)
                                .build()));
        assertTrue(error.getMessage().contains("line 3, column 'at': 'soon'"), error.getMessage());
    }
}
