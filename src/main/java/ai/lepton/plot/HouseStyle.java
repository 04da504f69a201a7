package ai.lepton.plot;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

/**
 * Lepton's one look for every chart: white panels (readable on light and dark notebook themes), a
 * colour-blind-safe palette (Okabe and Ito), quiet grid lines, no boxes, titles in bold.
 */
final class HouseStyle {

    /** Okabe–Ito: told apart with every common colour-vision deficiency. Yellow last, it is faint on white. */
    static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(230, 159, 0),
        new Color(204, 121, 167), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66)
    };

    static final Color MUTED = new Color(190, 190, 190);
    static final Color INK = new Color(40, 40, 40);
    static final BasicStroke SOLID = new BasicStroke(1.8f);
    static final BasicStroke DASHED =
            new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {6, 4}, 0);

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private HouseStyle() {}

    static XYChart xy(String title, String xAxis, String yAxis, int width, int height) {
        XYChart chart = titled(new XYChart(width, height), title, xAxis, yAxis);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    static CategoryChart bars(String title, String xAxis, String yAxis, int width, int height) {
        CategoryChart chart = titled(new CategoryChart(width, height), title, xAxis, yAxis);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setAvailableSpaceFill(0.85);
        return chart;
    }

    static HeatMapChart heatMap(String title, String xAxis, String yAxis, int width, int height) {
        // the builder, not the constructor: only it gives the chart a theme (the constructor leaves its fonts null, and
        // such a chart paints blank)
        HeatMapChart chart =
                titled(new HeatMapChartBuilder().width(width).height(height).build(), title, xAxis, yAxis);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler()
                .setLegendPosition(Styler.LegendPosition.OutsideE); // the only places a heat map's colour scale may go
        chart.getStyler()
                .setRangeColors(
                        new Color[] {new Color(247, 251, 255), new Color(107, 174, 214), new Color(8, 48, 107)});
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(TEXT);
        chart.getStyler().setValueFontColor(new Color(213, 94, 0));
        chart.getStyler().setHeatMapValueDecimalPattern("#");
        return chart;
    }

    /** {@code chart} with its titles, in the house style of charts with axes. */
    private static <C extends Chart<? extends AxesChartStyler, ?>> C titled(
            C chart, String title, String xAxis, String yAxis) {
        chart.setTitle(title);
        chart.setXAxisTitle(xAxis);
        chart.setYAxisTitle(yAxis);
        axes(chart.getStyler());
        return chart;
    }

    /** XChart cannot draw an XY chart without series: an empty one says why instead. */
    static void placeholder(XYChart chart, String why) {
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries(why, new double[] {0}, new double[] {0});
        }
    }

    private static void axes(AxesChartStyler styler) {
        common(styler);
        styler.setAxisTitleFont(TEXT);
        styler.setAxisTickLabelsFont(TEXT);
        styler.setAxisTickLabelsColor(INK);
        styler.setPlotGridLinesColor(new Color(232, 232, 232));
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setAxisTicksLineVisible(false);
    }

    private static void common(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setChartFontColor(INK);
        styler.setChartTitleFont(TITLE);
        styler.setChartTitleBoxVisible(false);
        styler.setLegendFont(TEXT);
        styler.setLegendBorderColor(new Color(220, 220, 220));
        styler.setSeriesColors(PALETTE);
        styler.setAntiAlias(true);
        styler.setChartPadding(8);
    }
}
