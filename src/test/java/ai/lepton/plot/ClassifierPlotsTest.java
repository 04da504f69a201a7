package ai.lepton.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.train.Scores;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Random;

class ClassifierPlotsTest {

    /** Two-class probabilities where row i's probability of class 1 is {@code scores[i]}. */
    private static float[] binary(float... scores) {
        float[] probabilities = new float[scores.length * 2];
        for (int i = 0; i < scores.length; i++) {
            probabilities[2 * i] = 1 - scores[i];
            probabilities[2 * i + 1] = scores[i];
        }
        return probabilities;
    }

    @Test
    void aPerfectRankingHasAreaOneAndAReversedOneZero() {
        float[] labels = {0, 0, 1, 1};
        ThresholdCurves perfect = ThresholdCurves.of(binary(0.1f, 0.2f, 0.8f, 0.9f), labels, 2, 1);
        assertEquals(1.0, perfect.auc(), 1e-12);
        assertEquals(1.0, perfect.averagePrecision(), 1e-12);
        assertEquals(0.5, perfect.prevalence(), 1e-12);
        ThresholdCurves reversed = ThresholdCurves.of(binary(0.9f, 0.8f, 0.2f, 0.1f), labels, 2, 1);
        assertEquals(0.0, reversed.auc(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 1, 1, 1}, reversed.falsePositiveRate(), 1e-12, "negatives come first");
    }

    @Test
    void tiedScoresMoveTogetherSoTheAreaMatchesTheRankStatistic() {
        Random random = new Random(3);
        int rows = 400;
        float[] scores = new float[rows];
        float[] labels = new float[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextInt(2);
            scores[i] = Math.round((random.nextFloat() * 0.6f + 0.4f * labels[i]) * 10) / 10f; // coarse: many ties
        }
        double fromCurve = ThresholdCurves.of(binary(scores), labels, 2, 1).auc();
        double fromRanks = Scores.classification(binary(scores), labels, 2).get("auc");
        assertEquals(fromRanks, fromCurve, 1e-9, "the ROC area is the rank statistic training reports as val_auc");
        assertTrue(fromCurve > 0.6 && fromCurve < 1);
    }

    @Test
    void theConfusionMatrixCountsTrueAgainstPredictedClasses() {
        // three classes; rows predicted by their largest probability
        float[] probabilities = {
            0.8f, 0.1f, 0.1f, // true 0, predicted 0
            0.2f, 0.7f, 0.1f, // true 0, predicted 1
            0.1f, 0.1f, 0.8f, // true 2, predicted 2
            0.1f, 0.6f, 0.3f
        }; // true 1, predicted 1
        ClassPredictions predictions =
                new ClassPredictions("demo", List.of("a", "b", "c"), probabilities, new float[] {0, 0, 2, 1});
        int[][] confusion = predictions.confusion();
        assertArrayEquals(new int[] {1, 1, 0}, confusion[0]);
        assertArrayEquals(new int[] {0, 1, 0}, confusion[1]);
        assertArrayEquals(new int[] {0, 0, 1}, confusion[2]);
    }

    @Test
    void everyClassifierPlotDrawsAndAMissingClassGetsNoCurve() throws IOException {
        float[] probabilities = {0.7f, 0.2f, 0.1f, 0.2f, 0.7f, 0.1f, 0.6f, 0.3f, 0.1f, 0.3f, 0.6f, 0.1f};
        ClassPredictions predictions =
                new ClassPredictions("demo", List.of("a", "b", "c"), probabilities, new float[] {0, 1, 0, 1});
        assertTrue(FigureTest.image(ClassifierPlots.confusion(predictions)).getWidth() >= 400);
        Figure roc = ClassifierPlots.roc(predictions);
        assertEquals(
                List.of("chance", "a (AUC 1.000)", "b (AUC 1.000)"),
                List.copyOf(((XYChart) roc.charts().getFirst()).getSeriesMap().keySet()),
                "class c has no rows, so no curve");
        assertTrue(
                FigureTest.image(ClassifierPlots.precisionRecall(predictions)).getHeight() > 0);
    }

    @Test
    void theConfusionMatrixIsPaintedWithItsCellsAndTitle() throws IOException {
        ClassPredictions predictions = new ClassPredictions(
                "demo", List.of("female", "male"), binary(0.1f, 0.8f, 0.3f, 0.6f), new float[] {0, 1, 1, 1});
        BufferedImage image = FigureTest.image(ClassifierPlots.confusion(predictions));
        int coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                coloured += rgb != 0xFFFFFF && rgb != 0xF7FBFF ? 1 : 0;
            }
        }
        // a heat map made without XChart's builder has no theme and painted its values alone on white
        assertTrue(coloured > image.getWidth() * image.getHeight() / 5, coloured + " coloured pixels");
    }

    @Test
    void curvesNeedTwoClassesAndRowsOfTheClass() {
        ClassPredictions none = new ClassPredictions("demo", List.of("a", "b"), binary(0.2f, 0.4f), new float[] {0, 0});
        PlotException error = assertThrows(PlotException.class, () -> ClassifierPlots.roc(none));
        assertTrue(error.getMessage().contains("no rows of the positive class"), error.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new ClassPredictions("demo", List.of("a", "b"), new float[3], new float[2]));
    }
}
