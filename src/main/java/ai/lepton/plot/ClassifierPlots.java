package ai.lepton.plot;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * How a classifier does on labelled rows: the confusion matrix as a heat map, ROC curves with their
 * areas, precision–recall curves with average precision. Two classes draw one curve (the second class
 * against the first); more draw one curve per class against the rest.
 */
public final class ClassifierPlots {

    private static final int SIZE = 420;

    private ClassifierPlots() {}

    /** Counts of true class (rows) against predicted class (columns). */
    public static Figure confusion(ClassPredictions predictions) {
        List<String> classes = predictions.classes();
        int[][] counts = predictions.confusion();
        HeatMapChart chart = HouseStyle.heatMap(
                "confusion: " + predictions.source(),
                "predicted",
                "actual",
                Math.max(SIZE, 80 + 60 * classes.size()),
                Math.max(SIZE - 40, 60 + 50 * classes.size()));
        List<Number[]> cells = new ArrayList<>();
        int max = 0;
        for (int actual = 0; actual < classes.size(); actual++) {
            for (int predicted = 0; predicted < classes.size(); predicted++) {
                // the heat map's y axis counts upwards: the first class goes on top, as in a table
                cells.add(new Number[] {predicted, classes.size() - 1 - actual, counts[actual][predicted]});
                max = Math.max(max, counts[actual][predicted]);
            }
        }
        chart.getStyler().setMin(0).setMax(Math.max(1, max));
        chart.addSeries("rows", classes, classes.reversed(), cells);
        return Figure.of(chart);
    }

    /** ROC curves: true against false positive rate as the threshold falls, the diagonal is chance. */
    public static Figure roc(ClassPredictions predictions) {
        XYChart chart = HouseStyle.xy(
                "ROC: " + predictions.source(), "false positive rate", "true positive rate", SIZE, SIZE - 40);
        chance(chart, new double[] {0, 1}, new double[] {0, 1});
        for (int positive : curvedClasses(predictions)) {
            ThresholdCurves curves = curves(predictions, positive);
            curve(
                    chart,
                    predictions.classes().get(positive) + " (AUC " + format(curves.auc()) + ")",
                    curves.falsePositiveRate(),
                    curves.truePositiveRate(),
                    positive);
        }
        return Figure.of(chart);
    }

    /** Precision–recall curves; a chance classifier's precision is the class's share of the rows. */
    public static Figure precisionRecall(ClassPredictions predictions) {
        XYChart chart =
                HouseStyle.xy("precision–recall: " + predictions.source(), "recall", "precision", SIZE, SIZE - 40);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        for (int positive : curvedClasses(predictions)) {
            ThresholdCurves curves = curves(predictions, positive);
            curve(
                    chart,
                    predictions.classes().get(positive) + " (AP " + format(curves.averagePrecision()) + ")",
                    curves.recall(),
                    curves.precision(),
                    positive);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        return Figure.of(chart);
    }

    static ThresholdCurves curves(ClassPredictions predictions, int positive) {
        return ThresholdCurves.of(
                predictions.probabilities(),
                predictions.labels(),
                predictions.classes().size(),
                positive);
    }

    /** The classes that get a curve: the second of two, else every class that occurs among the rows. */
    private static List<Integer> curvedClasses(ClassPredictions predictions) {
        int classes = predictions.classes().size();
        if (classes < 2) {
            throw new PlotException("ROC and precision–recall curves need at least two classes; " + predictions.source()
                    + " has " + classes + ".");
        }
        List<Integer> curved = new ArrayList<>();
        for (int c = classes == 2 ? 1 : 0; c < classes; c++) {
            int positive = c;
            boolean present = IntStream.range(0, predictions.rows())
                    .anyMatch(row -> (int) predictions.labels()[row] == positive);
            if (present) {
                curved.add(c);
            }
        }
        if (curved.isEmpty()) {
            throw new PlotException(
                    predictions.source() + " has no rows of the positive class, so there is no curve to draw.");
        }
        return curved;
    }

    private static void curve(XYChart chart, String name, double[] x, double[] y, int colour) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE)
                .setLineStyle(HouseStyle.SOLID)
                .setLineColor(HouseStyle.PALETTE[colour % HouseStyle.PALETTE.length]);
    }

    private static void chance(XYChart chart, double[] x, double[] y) {
        XYSeries series = chart.addSeries("chance", x, y);
        series.setMarker(SeriesMarkers.NONE)
                .setLineStyle(HouseStyle.DASHED)
                .setLineColor(HouseStyle.MUTED)
                .setShowInLegend(false);
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }
}
