package ai.lepton.plot;

import ai.lepton.data.profile.Histogram;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.stream.IntStream;

/** A small histogram without axes or legend, for a table cell: drawn with XChart, as a PNG data URI. */
public final class Sparkline {

    private static final Color BARS = new Color(0x4C72B0);

    private Sparkline() {}

    /** {@code bins} as {@code data:image/png;base64,...}. */
    public static String histogram(Histogram bins, int width, int height) {
        CategoryChart chart =
                new CategoryChartBuilder().width(width).height(height).build();
        CategoryStyler styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setChartTitleVisible(false);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesVisible(false);
        styler.setChartPadding(0);
        styler.setChartBackgroundColor(new Color(0, 0, 0, 0));
        styler.setPlotBackgroundColor(new Color(0, 0, 0, 0));
        styler.setSeriesColors(new Color[] {BARS});
        styler.setAxisTicksVisible(false);
        styler.setAxisTicksLineVisible(false);
        styler.setAvailableSpaceFill(0.95);
        chart.addSeries(
                "count",
                IntStream.range(0, bins.counts().length).boxed().toList(),
                Arrays.stream(bins.counts()).boxed().toList());
        // painted into an image with alpha: XChart's own PNG encoder would turn the transparent background black
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = image.createGraphics();
        chart.paint(graphics, width, height);
        graphics.dispose();
        return PngDataUri.of(image);
    }
}
