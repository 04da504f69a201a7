package ai.lepton.data.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.data.DataException;
import ai.lepton.data.duckdb.DuckDb;
import ai.lepton.data.duckdb.DuckDbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/** The data layer's DuckDB paths: large CSVs, Parquet, saving, SQL; each checked against Lepton's own reader. */
class DuckDbDataTest {

    private static final Path PENGUINS = Path.of("..", "datasets", "penguins.csv");

    @TempDir
    Path dir;

    /** A CSV above the fast path's size: numbers, counts, categories, yes/no, dates, free text, missing cells. */
    private Path largeCsv(String name, int rows, String lastLine) throws IOException {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder("x,count,colour,ok,flag,day,note\n");
        for (int row = 0; row < rows; row++) {
            text.append(random.nextInt(50) == 0 ? "" : String.format("%.4f", random.nextGaussian()))
                    .append(',')
                    .append(random.nextInt(1000))
                    .append(',')
                    .append(random.nextInt(30) == 0 ? "NA" : "c" + random.nextInt(12))
                    .append(',')
                    .append(random.nextBoolean() ? "yes" : "no")
                    .append(',')
                    .append(random.nextBoolean() ? "true" : "false")
                    .append(',')
                    .append(String.format("2024-%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)))
                    .append(",\"note ")
                    .append(row)
                    .append(row % 1000 == 0 ? ", with a comma" : "")
                    .append("\"\n");
        }
        text.append(lastLine);
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        assertTrue(Files.size(file) > DuckCsv.MIN_BYTES, "large enough for DuckDB's path");
        return file;
    }

    private static void assertSameTable(Table expected, Table actual) {
        assertEquals(expected.columnNames(), actual.columnNames());
        assertEquals(expected.rowCount(), actual.rowCount());
        for (int c = 0; c < expected.columnCount(); c++) {
            assertEquals(
                    expected.column(c).type(),
                    actual.column(c).type(),
                    expected.column(c).name());
            assertEquals(
                    expected.column(c).countMissing(),
                    actual.column(c).countMissing(),
                    expected.column(c).name());
            for (int row = 0; row < expected.rowCount(); row += 997) {
                assertEquals(expected.column(c).getString(row), actual.column(c).getString(row), "row " + row);
            }
        }
    }

    @Test
    void aLargeCsvReadByDuckDbIsTheTableLeptonsCheckedReaderMakes() throws IOException {
        Path file = largeCsv("large.csv", 30_000, "");
        assertTrue(DuckCsv.read(file, CsvOptions.defaults(), "large").isPresent(), "DuckDB read it");
        Table checked = DataLoader.checkedCsv(file, CsvOptions.defaults()).table();
        LoadResult fast = DataLoader.csv(file, CsvOptions.defaults());
        assertSameTable(checked, fast.table());
        assertEquals("large", fast.table().name());
        assertEquals(ColumnType.LOCAL_DATE, fast.table().column("day").type());
        assertEquals(ColumnType.BOOLEAN, fast.table().column("flag").type());
        assertEquals(ColumnType.STRING, fast.table().column("ok").type(), "yes/no stays text, as Tablesaw reads it");
        assertTrue(fast.notes().isEmpty(), fast.notes().toString());
    }

    @Test
    void whatIsWrongDeepInALargeCsvIsStillNamedByItsLine() throws IOException {
        Path ragged = largeCsv("ragged.csv", 30_000, "1.0,2,c1,yes,true,2024-01-01\n");
        DataException error = assertThrows(DataException.class, () -> DataLoader.csv(ragged, CsvOptions.defaults()));
        assertTrue(error.getMessage().contains("line 30002 has 6 (too few)"), error.getMessage());

        Path quote = largeCsv("quote.csv", 30_000, "1.0,2,c1,yes,true,2024-01-01,\"open\n");
        error = assertThrows(DataException.class, () -> DataLoader.csv(quote, CsvOptions.defaults()));
        assertTrue(error.getMessage().contains("a quote opened on line 30002 is never closed"), error.getMessage());

        Path latin = largeCsv("latin.csv", 30_000, "");
        Files.write(
                latin,
                "1.0,2,c1,yes,true,2024-01-01,Montr\u00e9al\n".getBytes(StandardCharsets.ISO_8859_1),
                StandardOpenOption.APPEND);
        error = assertThrows(DataException.class, () -> DataLoader.csv(latin, CsvOptions.defaults()));
        assertTrue(
                error.getMessage().contains("is not UTF-8 text")
                        && error.getMessage().contains("(line 30002)"),
                error.getMessage());
    }

    @Test
    void aWordDeepInALargeNumericColumnIsRepairedAndItsLineNamed() throws IOException {
        Path file = largeCsv("stray.csv", 30_000, "oops,2,c1,yes,true,2024-01-01,\"two\nlines\"\n");
        LoadResult result = DataLoader.csv(file, CsvOptions.defaults());
        assertEquals(ColumnType.DOUBLE, result.table().column("x").type());
        assertEquals(1, result.notes().size(), result.notes().toString());
        assertTrue(
                result.notes().getFirst().contains("line 30002 'oops'"),
                result.notes().getFirst());
    }

    @Test
    void aTableSavedAsParquetOrCsvLoadsBackTheSame() throws IOException {
        Table penguins = DataLoader.csv(PENGUINS, CsvOptions.defaults()).table();
        Path parquet = dir.resolve("penguins.parquet");
        DataWriter.save(penguins, parquet);
        Table back = DataLoader.load(parquet, CsvOptions.defaults()).table();
        assertSameTable(penguins, back);
        Path csv = dir.resolve("again.csv");
        DataWriter.save(back, csv);
        assertSameTable(penguins, DataLoader.load(csv, CsvOptions.defaults()).table());
        try (var listing = Files.list(dir)) {
            assertFalse(listing.anyMatch(p -> p.getFileName().toString().startsWith(".writing-")), "no temporary left");
        }
    }

    @Test
    void aFolderOfParquetPartsIsOneTable() throws IOException {
        Table penguins = DataLoader.csv(PENGUINS, CsvOptions.defaults()).table();
        Path folder = Files.createDirectories(dir.resolve("parts"));
        DataWriter.save(penguins.first(200), folder.resolve("part-0.parquet"));
        DataWriter.save(penguins.dropRange(200), folder.resolve("part-1.parquet"));
        Table back = DataLoader.load(folder, CsvOptions.defaults()).table();
        assertEquals("parts", back.name());
        assertSameTable(penguins, back);
    }

    @Test
    void brokenParquetIsRefusedWithWhatAndHow() throws IOException {
        Table penguins = DataLoader.csv(PENGUINS, CsvOptions.defaults()).table();
        Path whole = dir.resolve("whole.parquet");
        DataWriter.save(penguins, whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("truncated.parquet"), Arrays.copyOf(bytes, bytes.length / 2));
        DataException error =
                assertThrows(DataException.class, () -> DataLoader.load(truncated, CsvOptions.defaults()));
        assertTrue(error.getMessage().contains(truncated + " is a truncated Parquet file"), error.getMessage());

        Path notParquet = Files.writeString(dir.resolve("text.parquet"), "a,b\n1,2\n");
        error = assertThrows(DataException.class, () -> DataLoader.load(notParquet, CsvOptions.defaults()));
        assertTrue(error.getMessage().contains("is not a Parquet file"), error.getMessage());

        byte[] corrupt = bytes.clone();
        Arrays.fill(corrupt, 8, corrupt.length / 2, (byte) 0x5A); // the marks stay, the pages do not
        Path damaged = Files.write(dir.resolve("damaged.parquet"), corrupt);
        error = assertThrows(DataException.class, () -> DataLoader.load(damaged, CsvOptions.defaults()));
        assertTrue(error.getMessage().startsWith("Cannot read " + damaged + " as Parquet: "), error.getMessage());

        Path nested = dir.resolve("nested.parquet");
        DuckDb.query(
                "COPY (SELECT 1 AS id, [1, 2] AS tags) TO " + DuckDb.literal(nested.toString()) + " (FORMAT parquet)",
                "ignored");
        error = assertThrows(DataException.class, () -> DataLoader.load(nested, CsvOptions.defaults()));
        assertTrue(
                error.getMessage().contains("Column 'tags' is INTEGER[]")
                        && error.getMessage().contains("unnest"),
                error.getMessage());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        error = assertThrows(DataException.class, () -> DataLoader.load(empty, CsvOptions.defaults()));
        assertTrue(error.getMessage().contains("is a folder with no .parquet files"), error.getMessage());
    }

    @Test
    void savingSaysWhatIsWrongWithThePath() {
        Table penguins = DataLoader.csv(PENGUINS, CsvOptions.defaults()).table();
        Path nowhere = dir.resolve("no-such-folder").resolve("p.parquet");
        DataException error = assertThrows(DataException.class, () -> DataWriter.save(penguins, nowhere));
        assertTrue(
                error.getMessage().contains("there is no folder")
                        && error.getMessage().contains("mkdir -p"),
                error.getMessage());
        error = assertThrows(DataException.class, () -> DataWriter.save(penguins, dir.resolve("p.xlsx")));
        assertTrue(error.getMessage().contains(".parquet, .csv or .tsv"), error.getMessage());
    }

    @Test
    void sqlRunsOverDatasetsByNameAndSaysWhichThereAreWhenOneIsUnknown() {
        Table penguins = DataLoader.csv(PENGUINS, CsvOptions.defaults()).table();
        Table counts = DuckDb.query(
                "SELECT species, count(*) AS n, avg(body_mass_g) AS mass FROM penguins GROUP BY species"
                        + " ORDER BY species",
                Map.of("penguins", penguins),
                "counts");
        assertEquals(3, counts.rowCount());
        assertEquals("Adelie", counts.stringColumn("species").get(0));
        assertEquals(152, counts.intColumn("n").get(0));
        double adelie = penguins.where(penguins.stringColumn("species").isEqualTo("Adelie"))
                .numberColumn("body_mass_g")
                .mean();
        assertEquals(adelie, counts.doubleColumn("mass").get(0), 1e-9);

        DuckDbException unknown = assertThrows(
                DuckDbException.class, () -> DuckDb.query("SELECT * FROM pengiuns", Map.of("penguins", penguins), "x"));
        assertTrue(
                unknown.getMessage().contains("pengiuns")
                        && unknown.getMessage().contains("datasets are tables by" + " their names: penguins"),
                unknown.getMessage());
        DuckDbException syntax = assertThrows(
                DuckDbException.class,
                () -> DuckDb.query("SELECT *\nFORM penguins", Map.of("penguins", penguins), "x"));
        assertTrue(syntax.getMessage().contains("LINE 2") && syntax.getMessage().contains("^"), syntax.getMessage());
        assertFalse(syntax.getMessage().contains("SQLException"), syntax.getMessage());
    }

    @Test
    void aQueryNeverInstallsOrLoadsAnExtensionByItself() {
        Table settings = DuckDb.query(
                "SELECT current_setting('autoinstall_known_extensions') AS install,"
                        + " current_setting('autoload_known_extensions') AS load",
                Map.of(),
                "settings");
        assertEquals(false, settings.booleanColumn("install").get(0));
        assertEquals(false, settings.booleanColumn("load").get(0));
        DuckDbException remote = assertThrows(
                DuckDbException.class,
                () -> DuckDb.query("SELECT * FROM read_csv('https://127.0.0.1:9/x.csv')", Map.of(), "remote"));
        assertTrue(remote.getMessage().contains("httpfs"), remote.getMessage());
    }

    @Test
    void anInterruptStopsALongQueryAtOnceAndTheDatabaseLivesOn() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread query = Thread.ofPlatform().start(() -> {
            try {
                DuckDb.query("SELECT sum(hash(i)) AS s FROM range(1000000000000) t(i)", "endless");
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        Thread.sleep(500);
        long interrupted = System.nanoTime();
        query.interrupt();
        query.join(10_000);
        assertFalse(query.isAlive(), "the query stopped");
        assertTrue((System.nanoTime() - interrupted) / 1e9 < 1.5, "within the kernel's grace period");
        assertTrue(failure.get() instanceof DuckDbException, String.valueOf(failure.get()));
        assertTrue(
                failure.get().getMessage().startsWith("Interrupted: DuckDB stopped the query"),
                failure.get().getMessage());
        assertEquals(
                1, DuckDb.query("SELECT 1 AS one", "after").intColumn("one").get(0));
    }
}
