package ai.lepton.plot;

import ai.lepton.train.TrainingProgress;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A run's learning curves as one picture: the training loss by step on the left, every epoch-level
 * metric (loss, validation metrics) by epoch on the right. Drawn with XChart.
 */
public final class TrainingCurves {

    static final int WIDTH = 820;
    static final int HEIGHT = 260;

    private TrainingCurves() {
    }

    /** The curves as a PNG data URI, or null before the first loss is known. */
    public static String png(TrainingProgress progress) {
        if (progress.stepLosses().isEmpty()) {
            return null;
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, WIDTH, HEIGHT);
        stepChart(progress.stepLosses()).paint(graphics, WIDTH / 2, HEIGHT);
        graphics.translate(WIDTH / 2, 0);
        epochChart(progress.epochMetrics()).paint(graphics, WIDTH / 2, HEIGHT);
        graphics.dispose();
        return PngDataUri.of(image);
    }

    private static XYChart stepChart(List<double[]> losses) {
        XYChart chart = chart("training loss by step", "step");
        chart.addSeries("loss", losses.stream().mapToDouble(point -> point[0]).toArray(), losses.stream().mapToDouble(point -> point[1]).toArray())
                .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        return chart;
    }

    private static XYChart epochChart(Map<String, List<Double>> metrics) {
        XYChart chart = chart("by epoch", "epoch");
        metrics.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(metric -> {
            double[] values = metric.getValue().stream().mapToDouble(Double::doubleValue).map(v -> Double.isFinite(v) ? v : Double.NaN).toArray();
            if (values.length > 0) {
                chart.addSeries(metric.getKey(), IntStream.rangeClosed(1, values.length).asDoubleStream().toArray(), values);
            }
        });
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("(first epoch running)", new double[] {0}, new double[] {0});
        }
        return chart;
    }

    private static XYChart chart(String title, String xAxis) {
        XYChart chart = new XYChartBuilder().width(WIDTH / 2).height(HEIGHT).title(title).xAxisTitle(xAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(4);
        return chart;
    }
}
