package ai.lepton.plot;

import ai.lepton.evaluate.Explanation;
import org.knowm.xchart.CategoryChart;

import java.awt.Font;
import java.util.List;
import java.util.Map;

/** Permutation feature importance as bars, most important first: how much a metric worsens when a column is shuffled. */
public final class ImportancePlot {

    private ImportancePlot() {}

    /** The explanation's importance of each input column, titled with its run. */
    public static Figure of(Explanation explanation) {
        if (explanation.importance().isEmpty()) {
            throw new PlotException(
                    "There is no feature importance to draw for " + explanation.run() + ": it has no input columns.");
        }
        List<Map.Entry<String, Double>> sorted = explanation.importance().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .toList();
        CategoryChart chart = HouseStyle.bars(
                "permutation importance: " + explanation.run(),
                "input column",
                explanation.metric() + " lost when shuffled",
                Math.max(420, 60 + 55 * sorted.size()),
                320);
        chart.getStyler().setXAxisLabelRotation(sorted.size() > 3 ? 30 : 0);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        chart.getStyler().setYAxisDecimalPattern("0.###");
        chart.addSeries(
                "importance",
                sorted.stream().map(Map.Entry::getKey).toList(),
                sorted.stream().map(Map.Entry::getValue).toList());
        return Figure.of(chart);
    }
}
