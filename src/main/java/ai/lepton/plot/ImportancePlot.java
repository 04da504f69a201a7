package ai.lepton.plot;

import org.knowm.xchart.CategoryChart;

import java.util.List;
import java.util.Map;

/** Permutation feature importance as bars, most important first: how much a metric worsens when a column is shuffled. */
public final class ImportancePlot {

    private ImportancePlot() {
    }

    /** {@code importance}: input column to the loss in {@code metric}; {@code source} names the model for the title. */
    public static Figure of(Map<String, Double> importance, String metric, String source) {
        if (importance.isEmpty()) {
            throw new PlotException("There is no feature importance to draw for " + source + ": it has no input columns.");
        }
        List<Map.Entry<String, Double>> sorted = importance.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        CategoryChart chart = HouseStyle.bars("permutation importance: " + source, "input column", metric + " lost when shuffled",
                Math.max(420, 60 + 55 * sorted.size()), 320);
        chart.getStyler().setXAxisLabelRotation(sorted.size() > 3 ? 30 : 0);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        chart.getStyler().setYAxisDecimalPattern("0.###");
        chart.addSeries("importance", sorted.stream().map(Map.Entry::getKey).toList(), sorted.stream().map(Map.Entry::getValue).toList());
        return Figure.of(chart);
    }
}
