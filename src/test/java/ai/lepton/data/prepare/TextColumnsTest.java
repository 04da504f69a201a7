package ai.lepton.data.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.data.DataException;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.TextColumn;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.runtime.text.TextTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.List;

/** Free-text columns prepared as text: kept, recorded, reported when empty, and suggested when forgotten. */
class TextColumnsTest {

    private static Table packages;

    @BeforeAll
    static void load() {
        packages = DataLoader.csv(Path.of("..", "datasets", "debian-packages.csv"), CsvOptions.defaults())
                .table()
                .first(200);
    }

    private static IntColumn lengths(Table table) {
        return IntColumn.create(
                "length",
                table.stringColumn("description").asList().stream()
                        .mapToInt(String::length)
                        .toArray());
    }

    private static PrepareOptions.Builder sections() {
        return PrepareOptions.builder("section").optDrop(List.of("package")).optSplit(0.8, 0.2, 0);
    }

    @Test
    void aTextColumnStaysTextBesideTheTabularFeaturesAndThePreparationRecordsIt() {
        Table table = packages.copy();
        table.addColumns(lengths(table));
        Prepared prepared = Preparer.prepare(
                table, sections().optText(List.of("description")).build());
        assertEquals(List.of("length"), prepared.train().names(), "the text is no feature of its own");
        assertEquals(1, prepared.train().texts().size());
        int row = prepared.trainRows()[0];
        assertEquals(
                table.stringColumn("description").get(row),
                prepared.train().texts().getFirst().values()[0]);
        Preparation reread = Preparation.fromJson(prepared.preparation().toJson());
        assertEquals(List.of("description"), reread.textColumns());
        assertEquals(1, reread.apply(table.first(3)).texts().size(), "applied again, the text comes along");
    }

    @Test
    void severalTextColumnsAreJoinedByTheTokenizersSeparator() {
        FeatureMatrix rows = new FeatureMatrix(
                new float[0],
                null,
                2,
                List.of(),
                List.of(
                        new TextColumn("title", new String[] {"Chess engine", null}),
                        new TextColumn("body", new String[] {"Plays well.", "Sends mail."})));
        assertEquals("Chess engine [SEP] Plays well.", TextTokenizer.join(rows.texts(0), "[SEP]"));
        assertEquals(" [SEP] Sends mail.", TextTokenizer.join(rows.texts(1), "[SEP]"));
    }

    @Test
    void missingAndBlankTextsAreReportedAndReadAsEmpty() {
        Table table = packages.copy();
        table.stringColumn("description").set(3, "");
        table.stringColumn("description").setMissing(7);
        Prepared prepared = Preparer.prepare(
                table, sections().optText(List.of("description")).build());
        assertTrue(
                prepared.notes()
                        .contains("2 of 200 rows have no text in 'description' (missing or blank); the model reads them"
                                + " as empty text."),
                prepared.notes().toString());
        assertEquals(200, prepared.train().rows() + prepared.validation().rows(), "no row is dropped for it");
    }

    @Test
    void aColumnThatLooksLikeFreeTextButIsEncodedAsCategoriesGetsAWarningNamingText() {
        Prepared prepared = Preparer.prepare(packages, sections().build());
        assertTrue(
                prepared.notes().stream()
                        .anyMatch(note -> note.startsWith("Column 'description' looks like free text")
                                && note.contains("--text description")),
                prepared.notes().toString());
        Prepared asText = Preparer.prepare(
                packages, sections().optText(List.of("description")).build());
        assertTrue(asText.notes().stream().noneMatch(note -> note.contains("looks like free text")));
        Prepared penguins = Preparer.prepare(
                DataLoader.csv(Path.of("..", "datasets", "penguins.csv"), CsvOptions.defaults())
                        .table(),
                PrepareOptions.builder("species").build());
        assertTrue(
                penguins.notes().stream().noneMatch(note -> note.contains("looks like free text")),
                "island names are categories");
    }

    @Test
    void textOnANumericMissingDroppedOrTargetColumnIsRefused() {
        Table table = packages.copy();
        table.addColumns(lengths(table));
        assertMessage(table, List.of("length"), "Column 'length' holds integer values, not text");
        assertMessage(table, List.of("descripton"), "unknown column 'descripton'. Did you mean description?");
        assertMessage(table, List.of("package"), "'package' is both dropped (--drop) and a text column");
        assertMessage(table, List.of("section"), "'section' is the target");
    }

    private static void assertMessage(Table table, List<String> text, String expected) {
        DataException error = assertThrows(
                DataException.class,
                () -> Preparer.prepare(table, sections().optText(text).build()));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
