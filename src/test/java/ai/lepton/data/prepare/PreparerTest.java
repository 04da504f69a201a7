package ai.lepton.data.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.data.DataException;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

class PreparerTest {

    private static Table penguins;

    @BeforeAll
    static void load() {
        penguins = DataLoader.csv(Path.of("..", "datasets", "penguins.csv"), CsvOptions.defaults())
                .table();
    }

    /** 200 rows whose values grow with the row, so statistics over different row sets differ. */
    private static Table growing() {
        IntColumn id = IntColumn.create("id");
        DoubleColumn x = DoubleColumn.create("x");
        StringColumn colour = StringColumn.create("colour");
        StringColumn label = StringColumn.create("label");
        for (int i = 0; i < 200; i++) {
            id.append(i);
            if (i % 7 == 0) {
                x.appendMissing();
            } else {
                x.append(i * 1.5 + (i % 3));
            }
            colour.append(i == 5 ? "violet" : i % 2 == 0 ? "red" : "blue");
            label.append(i % 4 == 0 ? "yes" : "no");
        }
        return Table.create("growing", id, x, colour, label);
    }

    @Test
    void fitsEveryStatisticOnTheTrainingSplitOnly() {
        Table table = growing();
        Prepared prepared =
                Preparer.prepare(table, PrepareOptions.builder("label").build());
        double[] trainX = Arrays.stream(prepared.trainRows())
                .filter(row -> !table.doubleColumn("x").isMissing(row))
                .mapToDouble(row -> table.doubleColumn("x").getDouble(row))
                .sorted()
                .toArray();
        double mean = Arrays.stream(trainX).average().orElseThrow();
        double std = Math.sqrt(
                Arrays.stream(trainX).map(v -> (v - mean) * (v - mean)).sum() / trainX.length);
        double median = (trainX[(trainX.length - 1) / 2] + trainX[trainX.length / 2]) / 2;

        NumericFeature x = prepared.preparation().numeric().get("x");
        assertEquals(mean, x.center(), 1e-9);
        assertEquals(std, x.scale(), 1e-9);
        assertEquals(median, x.fill(), 1e-9);
        assertNotEquals(table.doubleColumn("x").mean(), x.center(), 1e-6, "the whole table's mean would leak");

        TreeSet<String> trainColours = Arrays.stream(prepared.trainRows())
                .mapToObj(row -> table.stringColumn("colour").get(row))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(
                List.copyOf(trainColours),
                prepared.preparation().categorical().get("colour").categories());
    }

    @Test
    void splitsAreDisjointAndCoverEveryRow() {
        Prepared prepared = Preparer.prepare(
                growing(),
                PrepareOptions.builder("label").optSplit(0.6, 0.2, 0.2).build());
        int[] all = IntStream.concat(
                        IntStream.concat(Arrays.stream(prepared.trainRows()), Arrays.stream(prepared.validationRows())),
                        Arrays.stream(prepared.testRows()))
                .sorted()
                .toArray();
        assertArrayEquals(IntStream.range(0, 200).toArray(), all);
        assertEquals(120, prepared.train().rows());
        assertEquals(40, prepared.test().rows());
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        PrepareOptions.Builder spec = PrepareOptions.builder("label").optSeed(7);
        assertArrayEquals(
                Preparer.prepare(growing(), spec.build()).testRows(),
                Preparer.prepare(growing(), spec.build()).testRows());
        assertNotEquals(
                Arrays.toString(Preparer.prepare(growing(), spec.build()).testRows()),
                Arrays.toString(
                        Preparer.prepare(growing(), spec.optSeed(8).build()).testRows()));
    }

    @Test
    void stratifiedSplitsKeepTheClassBalance() {
        Prepared prepared = Preparer.prepare(
                penguins, PrepareOptions.builder("species").optStratify(true).build());
        Map<String, Long> all =
                counts(penguins, IntStream.range(0, penguins.rowCount()).toArray());
        Map<String, Long> test = counts(penguins, prepared.testRows());
        all.forEach((species, count) -> assertEquals(count * 0.15, test.get(species), 1.0, species));
    }

    private static Map<String, Long> counts(Table table, int[] rows) {
        return Arrays.stream(rows)
                .mapToObj(row -> table.stringColumn("species").get(row))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void aJsonRoundTripGivesBitIdenticalFeaturesOnRawRows() {
        Prepared prepared = Preparer.prepare(
                penguins, PrepareOptions.builder("sex").optStratify(true).build());
        Preparation restored = Preparation.fromJson(prepared.preparation().toJson());
        assertEquals(prepared.preparation(), restored);
        Table rawTest = penguins.rows(prepared.testRows());
        FeatureMatrix again = restored.apply(rawTest);
        assertArrayEquals(prepared.test().features(), again.features());
        assertArrayEquals(prepared.test().labels(), again.labels());
    }

    @Test
    void penguinsBecomeOneHotStandardizedFeatures() {
        Prepared prepared =
                Preparer.prepare(penguins, PrepareOptions.builder("sex").build());
        assertEquals(Task.CLASSIFICATION, prepared.preparation().task());
        assertEquals(List.of("female", "male"), prepared.preparation().labels());
        assertTrue(prepared.preparation()
                .featureNames()
                .containsAll(List.of("species=Adelie", "island=Biscoe", "bill_length_mm")));
        assertEquals(
                333,
                prepared.train().rows()
                        + prepared.validation().rows()
                        + prepared.test().rows());
        assertTrue(prepared.notes().getFirst().startsWith("11 of 344 rows have no value in the target 'sex'"));
        int bill = prepared.train().names().indexOf("bill_length_mm");
        double mean = IntStream.range(0, prepared.train().rows())
                .mapToDouble(r -> prepared.train().get(r, bill))
                .average()
                .orElseThrow();
        assertEquals(0, mean, 0.02, "standardized on the training split");
    }

    @Test
    void dropImputationLeavesOutIncompleteRows() {
        Prepared prepared = Preparer.prepare(
                penguins,
                PrepareOptions.builder("species")
                        .optImpute(PrepareOptions.Impute.DROP)
                        .build());
        assertEquals(
                333,
                prepared.train().rows()
                        + prepared.validation().rows()
                        + prepared.test().rows());
        assertTrue(prepared.notes().stream().anyMatch(n -> n.contains("no value in a feature column")));
    }

    @Test
    void findsTheTaskFromTheTarget() {
        assertEquals(
                Task.REGRESSION,
                Preparer.prepare(penguins, PrepareOptions.builder("body_mass_g").build())
                        .preparation()
                        .task());
        Table digits = DataLoader.csv(Path.of("..", "datasets", "digits.csv"), CsvOptions.defaults())
                .table();
        Preparation byDigit = Preparer.prepare(
                        digits,
                        PrepareOptions.builder("digit")
                                .optScale(PrepareOptions.Scale.MINMAX)
                                .build())
                .preparation();
        assertEquals(Task.CLASSIFICATION, byDigit.task());
        assertEquals(10, byDigit.labels().size());
    }

    @Test
    void unseenCategoriesAreZerosOrAClearError() {
        Prepared prepared =
                Preparer.prepare(penguins, PrepareOptions.builder("sex").build());
        Table odd = penguins.rows(0, 1);
        odd.replaceColumn("island", StringColumn.create("island", "Atlantis", "Atlantis"));
        FeatureMatrix encoded = prepared.preparation().apply(odd);
        for (String island : List.of("island=Biscoe", "island=Dream", "island=Torgersen")) {
            assertEquals(0f, encoded.get(0, encoded.names().indexOf(island)));
        }
        Preparation strict = Preparer.prepare(
                        penguins,
                        PrepareOptions.builder("sex")
                                .optUnseen(PrepareOptions.Unseen.ERROR)
                                .build())
                .preparation();
        DataException error = assertThrows(DataException.class, () -> strict.apply(odd));
        assertTrue(error.getMessage().contains("'Atlantis' in column 'island' was not seen"), error.getMessage());
    }

    @Test
    void badSpecsAreRefusedWithTheFix() {
        assertMessage(
                () -> Preparer.prepare(
                        penguins, PrepareOptions.builder("Species").build()),
                "Unknown target column 'Species'. Did you mean species?");
        assertMessage(
                () -> Preparer.prepare(
                        penguins,
                        PrepareOptions.builder("sex").optDrop(List.of("beak")).build()),
                "(optDrop, --drop) name an unknown column 'beak'");
        assertMessage(
                () -> PrepareOptions.builder("sex").optSplit(0.7, 0.2, 0.2).build(), "must sum to 1");
        assertMessage(
                () -> PrepareOptions.builder("sex").optSplit(0, 0.5, 0.5).build(), "needs a training share above 0");
        Table oneClass = penguins.where(penguins.stringColumn("species").isEqualTo("Adelie"));
        assertMessage(
                () -> Preparer.prepare(
                        oneClass,
                        PrepareOptions.builder("species").optStratify(true).build()),
                "needs at least two classes, but the target 'species' has only 'Adelie'");
        assertMessage(
                () -> Preparer.prepare(
                        penguins,
                        PrepareOptions.builder("body_mass_g").optStratify(true).build()),
                "(optStratify, --stratify) needs a classification target");
        assertMessage(() -> Preparation.fromJson("{\"nothing\": 1}"), "Not a Lepton preparation");
    }

    private static void assertMessage(Executable call, String expected) {
        DataException error = assertThrows(DataException.class, call);
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void constantImputationFillsNumbersAndGivesTextItsOwnCategory() {
        Prepared prepared = Preparer.prepare(
                penguins, PrepareOptions.builder("species").optFill(-1).build());
        assertEquals(-1, prepared.preparation().numeric().get("bill_length_mm").fill());
        CategoricalFeature sex = prepared.preparation().categorical().get("sex");
        assertEquals("(missing)", sex.fill());
        assertTrue(sex.categories().contains("(missing)"));
        assertTrue(prepared.preparation().featureNames().contains("sex=(missing)"));
    }

    @Test
    void duplicateRowsAreDroppedAndCounted() {
        Table doubled = penguins.copy().append(penguins.rows(0, 1, 2));
        Prepared prepared = Preparer.prepare(
                doubled, PrepareOptions.builder("species").optDeduplicate(true).build());
        assertEquals(
                344,
                prepared.train().rows()
                        + prepared.validation().rows()
                        + prepared.test().rows());
        assertTrue(
                prepared.notes().contains("3 duplicate rows were dropped."),
                prepared.notes().toString());
    }

    @Test
    void clippingUsesTheTrainingSplitsFencesAndSurvivesJson() {
        Table table = growing();
        table.doubleColumn("x").set(1, 1_000_000.0);
        Prepared prepared = Preparer.prepare(
                table, PrepareOptions.builder("label").optClip(true).optSeed(3).build());
        NumericFeature x = prepared.preparation().numeric().get("x");
        assertTrue(x.high() < 1_000, "upper fence " + x.high());
        Table outlier = table.rows(1);
        float clipped = prepared.preparation()
                .apply(outlier)
                .get(0, prepared.preparation().featureNames().indexOf("x"));
        assertEquals((float) ((x.high() - x.center()) / x.scale()), clipped, 1e-6f);
        assertEquals(
                prepared.preparation(),
                Preparation.fromJson(prepared.preparation().toJson()));
    }

    @Test
    void kFoldValidatesOnEachRowOnceAndFitsEachFoldOnItsOwnTrainingRows() {
        Table table = growing();
        List<Prepared> folds = Preparer.folds(
                table, PrepareOptions.builder("label").optStratify(true).build(), 5);
        assertEquals(5, folds.size());
        int[] validated = folds.stream()
                .flatMapToInt(fold -> Arrays.stream(fold.validationRows()))
                .sorted()
                .toArray();
        assertArrayEquals(IntStream.range(0, 200).toArray(), validated);
        for (Prepared fold : folds) {
            assertEquals(0, fold.test().rows());
            assertEquals(40, fold.validation().rows());
            double trainMean = Arrays.stream(fold.trainRows())
                    .mapToDouble(row -> table.intColumn("id").get(row))
                    .average()
                    .orElseThrow();
            assertEquals(trainMean, fold.preparation().numeric().get("id").center(), 1e-9);
        }
        assertThrows(
                DataException.class,
                () -> Preparer.folds(table, PrepareOptions.builder("label").build(), 1));
    }

    @Test
    void aSplitWithoutValidationRowsIsEmptyNotAnError() {
        Prepared prepared = Preparer.prepare(
                penguins,
                PrepareOptions.builder("species").optSplit(0.8, 0, 0.2).build());
        assertEquals(0, prepared.validation().rows());
        assertEquals(344, prepared.train().rows() + prepared.test().rows());
    }

    @Test
    void datesBecomeScaledPartFeaturesThatSurviveJson() {
        Table visits = Table.create(
                "visits",
                DateColumn.create(
                        "day",
                        IntStream.range(0, 60)
                                .mapToObj(i -> LocalDate.of(2024, 1, 1).plusDays(i * 7L))
                                .toList()),
                IntColumn.create("came", IntStream.range(0, 60).map(i -> i % 2).toArray()));
        visits.dateColumn("day").setMissing(5);
        Prepared prepared = Preparer.prepare(
                visits,
                PrepareOptions.builder("came")
                        .optScale(PrepareOptions.Scale.NONE)
                        .build());
        Preparation preparation = prepared.preparation();
        assertEquals(
                List.of("day.year", "day.month", "day.day", "day.weekday", "day.day_of_year"),
                preparation.featureNames());
        Table first = visits.rows(0);
        FeatureMatrix row = preparation.apply(first);
        assertEquals(
                List.of(2024f, 1f, 1f, 1f, 1f),
                IntStream.range(0, 5).mapToObj(c -> row.get(0, c)).toList(),
                "2024-01-01 is a Monday, day 1 of the year");
        FeatureMatrix missing = preparation.apply(visits.rows(5));
        assertEquals(
                preparation.dates().get("day").features().get(0).fill(),
                missing.get(0, 0),
                "a missing date gets each part's fill");
        Preparation restored = Preparation.fromJson(preparation.toJson());
        assertEquals(preparation, restored);
        assertArrayEquals(
                prepared.test().features(),
                restored.apply(visits.rows(prepared.testRows())).features());
    }

    @Test
    void theTaskCanBeGivenInsteadOfInferred() {
        Table digits = DataLoader.csv(Path.of("..", "datasets", "digits.csv"), CsvOptions.defaults())
                .table();
        Preparation asNumber = Preparer.prepare(
                        digits,
                        PrepareOptions.builder("digit").optTask(Task.REGRESSION).build())
                .preparation();
        assertEquals(Task.REGRESSION, asNumber.task());
        assertTrue(asNumber.labels().isEmpty());
        assertMessage(
                () -> Preparer.prepare(
                        penguins,
                        PrepareOptions.builder("species")
                                .optTask(Task.REGRESSION)
                                .build()),
                "Regression needs a numeric target, but 'species' holds text");
    }
}
