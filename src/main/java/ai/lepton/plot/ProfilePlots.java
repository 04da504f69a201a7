package ai.lepton.plot;

import ai.lepton.data.profile.Histogram;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A dataset at a glance: a histogram of every numeric column and the most frequent values of every other
 * column with few enough distinct values to be a category. Missing cells are left out and counted in the title.
 */
public final class ProfilePlots {

    static final int BINS = 24;
    static final int TOP_VALUES = 12;
    private static final int WIDTH = 300;
    private static final int HEIGHT = 220;
    private static final int COLUMNS = 3;

    private ProfilePlots() {}

    /** One panel per column that can be drawn; identifier-like text columns (too many distinct values) are skipped. */
    public static Figure of(Table table) {
        List<Chart<?, ?>> charts = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            String title =
                    column.name() + (column.countMissing() > 0 ? " (" + column.countMissing() + " missing)" : "");
            if (column instanceof NumericColumn<?> numbers) {
                Histogram bins = Histogram.of(
                        IntStream.range(0, numbers.size())
                                .mapToDouble(row -> numbers.isMissing(row) ? Double.NaN : numbers.getDouble(row))
                                .toArray(),
                        BINS);
                boolean whole = IntStream.range(0, numbers.size())
                        .allMatch(row ->
                                numbers.isMissing(row) || numbers.getDouble(row) == Math.rint(numbers.getDouble(row)));
                if (bins != null) {
                    charts.add(histogram(title, bins, whole));
                }
            } else {
                Map<String, Integer> counts = counts(column);
                if (!counts.isEmpty() && counts.size() <= Math.max(TOP_VALUES, column.size() / 2)) {
                    charts.add(frequencies(title, counts));
                }
            }
        }
        if (charts.isEmpty()) {
            throw new PlotException("Table " + table.name()
                    + " has no column to draw: no numbers and no categories (every column is empty or an identifier).");
        }
        return Figure.grid(charts, COLUMNS);
    }

    private static XYChart histogram(String title, Histogram bins, boolean whole) {
        XYChart chart = HouseStyle.xy(title, "", "rows", WIDTH, HEIGHT);
        chart.getStyler().setLegendVisible(false);
        RoundTicks.x(chart, bins.min(), bins.max(), whole);
        double width = (bins.max() - bins.min()) / bins.counts().length;
        double[] edges = IntStream.rangeClosed(0, bins.counts().length)
                .mapToDouble(i -> bins.min() + i * width)
                .toArray();
        double[] heights = IntStream.rangeClosed(0, bins.counts().length)
                .mapToDouble(i -> bins.counts()[Math.min(i, bins.counts().length - 1)])
                .toArray();
        XYSeries series = chart.addSeries("rows", edges, heights);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setFillColor(HouseStyle.PALETTE[0]);
        series.setLineColor(HouseStyle.PALETTE[0]);
        return chart;
    }

    private static CategoryChart frequencies(String title, Map<String, Integer> counts) {
        CategoryChart chart = HouseStyle.bars(
                title + (counts.size() > TOP_VALUES ? ", top " + TOP_VALUES : ""), "", "rows", WIDTH, HEIGHT);
        List<Map.Entry<String, Integer>> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(TOP_VALUES)
                .toList();
        chart.getStyler().setXAxisLabelRotation(top.size() > 4 ? 45 : 0);
        chart.addSeries(
                "rows",
                top.stream().map(Map.Entry::getKey).toList(),
                top.stream().map(Map.Entry::getValue).toList());
        return chart;
    }

    private static Map<String, Integer> counts(Column<?> column) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row)) {
                counts.merge(column.getString(row), 1, Integer::sum);
            }
        }
        return counts;
    }
}
