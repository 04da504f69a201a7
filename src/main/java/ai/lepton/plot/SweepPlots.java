package ai.lepton.plot;

import ai.lepton.sweep.SweepProgress;
import ai.lepton.sweep.SweepResult;
import ai.lepton.sweep.TrialResult;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A sweep's pictures: every trial's learning curve with pruned trials dimmed, the metric against each
 * hyperparameter that varied, and parallel coordinates of all trials. PNG data URIs, drawn headless.
 */
public final class SweepPlots {

    private static final Color DIMMED = HouseStyle.MUTED;
    private static final Color FAILED = new Color(220, 120, 120);
    private static final Color KEPT = HouseStyle.PALETTE[0];
    private static final Color BEST = HouseStyle.PALETTE[1];
    private static final int PANEL = 300;

    private SweepPlots() {}

    /** One trial's line on the learning-curve chart. */
    private record Line(int number, String status, List<Double> curve) {}

    /** Every trial's metric by epoch as the sweep goes: trials still running or finished in colour, pruned ones grey, the best one red. */
    public static Figure curves(SweepProgress progress) {
        return Figure.of(curvesChart(
                progress.metric(),
                bestTrial(progress),
                progress.trials().stream()
                        .map(trial -> new Line(trial.number(), trial.status(), trial.curve()))
                        .toList()));
    }

    /** The same learning curves for a sweep as recorded. */
    public static Figure curves(SweepResult result) {
        return Figure.of(curvesChart(
                result.metric(),
                result.bestTrial().map(TrialResult::number).orElse(-1),
                result.trials().stream()
                        .map(trial -> new Line(trial.number(), trial.status().name(), trial.curve()))
                        .toList()));
    }

    /** Everything about a recorded sweep in one picture: learning curves and parallel coordinates, then the metric against each parameter. */
    public static Figure overview(SweepResult result) {
        return Figure.stack(
                Figure.row(List.of(
                        curves(result).charts().getFirst(),
                        parallelCoordinates(result).charts().getFirst())),
                parameters(result));
    }

    private static XYChart curvesChart(String metric, int best, List<Line> lines) {
        XYChart chart = HouseStyle.xy("trials: " + metric + " by epoch", "epoch", metric, 2 * PANEL, PANEL);
        for (Line line : lines) {
            if (line.curve().isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(
                    "trial " + line.number(),
                    IntStream.rangeClosed(1, line.curve().size())
                            .asDoubleStream()
                            .toArray(),
                    finite(line.curve()));
            // a trial pruned at the first rung has one point, which a line does not draw
            series.setMarker(line.curve().size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE)
                    .setShowInLegend(false);
            Color color = line.number() == best
                    ? BEST
                    : switch (line.status()) {
                        case "PRUNED" -> DIMMED;
                        case "FAILED" -> FAILED;
                        default -> KEPT;
                    };
            series.setLineColor(color);
            series.setMarkerColor(color);
            series.setLineStyle(new BasicStroke(line.number() == best ? 2.5f : 1.2f));
        }
        chart.getStyler().setLegendVisible(false); // no series is in it: an empty legend box would show
        RoundTicks.wholeSteps(
                chart,
                lines.stream().mapToInt(line -> line.curve().size()).max().orElse(0));
        HouseStyle.placeholder(chart, "(no epoch finished yet)");
        return chart;
    }

    /** The best value each trial reached against each hyperparameter that varied (a log axis for ranges over decades). */
    public static Figure parameters(SweepResult result) {
        List<XYChart> charts = new ArrayList<>();
        for (String param : result.variedParams()) {
            XYChart chart = HouseStyle.xy(param, param, "best " + result.metric(), PANEL, PANEL);
            List<TrialResult> scored = result.trials().stream()
                    .filter(trial -> !Double.isNaN(trial.best()))
                    .toList();
            List<Object> categories = categories(result.trials(), param);
            double[] x = scored.stream()
                    .mapToDouble(trial -> position(trial.params().get(param), categories))
                    .toArray();
            if (categories == null && spansDecades(x)) {
                chart.getStyler().setXAxisLogarithmic(true);
            }
            if (x.length > 0) {
                XYSeries series = chart.addSeries(
                        "trials",
                        x,
                        scored.stream().mapToDouble(TrialResult::best).toArray());
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                series.setMarkerColor(KEPT);
            }
            if (categories != null) {
                chart.setCustomXAxisTickLabelsFormatter(value -> {
                    int index = (int) Math.round(value);
                    return index >= 0 && index < categories.size() && Math.abs(value - index) < 1e-9
                            ? String.valueOf(categories.get(index))
                            : " ";
                });
            }
            HouseStyle.placeholder(chart, "(no epoch finished yet)");
            charts.add(chart);
        }
        if (charts.isEmpty()) {
            XYChart chart = HouseStyle.xy("no hyperparameter varied", "", "", PANEL, PANEL);
            HouseStyle.placeholder(chart, "(no epoch finished yet)");
            charts.add(chart);
        }
        return Figure.row(charts);
    }

    /**
     * Parallel coordinates: one axis per varied hyperparameter and one for the metric, each scaled to [0, 1];
     * one line per trial, darker the better it scored.
     */
    public static Figure parallelCoordinates(SweepResult result) {
        List<String> axes = new ArrayList<>(result.variedParams());
        List<TrialResult> scored = result.trials().stream()
                .filter(trial -> !Double.isNaN(trial.best()))
                .toList();
        XYChart chart = HouseStyle.xy(
                "parallel coordinates (" + String.join(", ", axes) + ", " + result.metric() + ")",
                "",
                "scaled",
                2 * PANEL,
                PANEL);
        double low = scored.stream().mapToDouble(TrialResult::best).min().orElse(0);
        double high = scored.stream().mapToDouble(TrialResult::best).max().orElse(1);
        for (TrialResult trial : scored) {
            double[] y = new double[axes.size() + 1];
            for (int i = 0; i < axes.size(); i++) {
                y[i] = scaled(result.trials(), axes.get(i), trial.params().get(axes.get(i)));
            }
            double quality = high == low ? 1 : (trial.best() - low) / (high - low);
            if (result.mode() == ai.lepton.track.Mode.MIN) {
                quality = 1 - quality;
            }
            y[axes.size()] = quality;
            XYSeries series = chart.addSeries(
                    "trial " + trial.number(),
                    IntStream.range(0, y.length).asDoubleStream().toArray(),
                    y);
            series.setMarker(SeriesMarkers.CIRCLE).setShowInLegend(false);
            int shade = (int) (200 - 170 * quality);
            series.setLineColor(new Color(shade, shade, 255 - (int) (80 * (1 - quality))));
            series.setMarkerColor(series.getLineColor());
        }
        List<String> labels = new ArrayList<>(axes);
        labels.add(result.metric());
        chart.setCustomXAxisTickLabelsFormatter(value -> {
            int index = (int) Math.round(value);
            return index >= 0 && index < labels.size() && Math.abs(value - index) < 1e-9 ? labels.get(index) : " ";
        });
        chart.getStyler().setLegendVisible(false); // one line per trial, none in a legend
        HouseStyle.placeholder(chart, "(no epoch finished yet)");
        return Figure.of(chart);
    }

    /**
     * Whether positive values span a factor of 10 or more — a log-uniform range such as a learning rate's — and so
     * read on a log scale.
     */
    static boolean spansDecades(double[] values) {
        double min = Arrays.stream(values).min().orElse(0);
        double max = Arrays.stream(values).max().orElse(0);
        return values.length > 1 && min > 0 && max / min >= 10;
    }

    /** A value's place on its axis in [0, 1]: numbers by their range (log when it spans decades), others by their order. */
    private static double scaled(List<TrialResult> trials, String param, Object value) {
        List<Object> categories = categories(trials, param);
        if (categories != null) {
            return categories.size() == 1 ? 0.5 : categories.indexOf(value) / (double) (categories.size() - 1);
        }
        double[] values = trials.stream()
                .mapToDouble(trial -> ((Number) trial.params().get(param)).doubleValue())
                .toArray();
        double min = Arrays.stream(values).min().orElse(0);
        double max = Arrays.stream(values).max().orElse(1);
        double v = ((Number) value).doubleValue();
        if (spansDecades(values)) {
            return Math.log(v / min) / Math.log(max / min);
        }
        return max == min ? 0.5 : (v - min) / (max - min);
    }

    /** The distinct values of a parameter that is not a number, in order of first appearance; null for numbers. */
    private static List<Object> categories(List<TrialResult> trials, String param) {
        if (trials.stream().allMatch(trial -> trial.params().get(param) instanceof Number)) {
            return null;
        }
        return trials.stream()
                .map(trial -> trial.params().get(param))
                .distinct()
                .toList();
    }

    private static double position(Object value, List<Object> categories) {
        return categories == null ? ((Number) value).doubleValue() : categories.indexOf(value);
    }

    private static int bestTrial(SweepProgress progress) {
        double best = progress.best();
        if (Double.isNaN(best)) {
            return -1;
        }
        return progress.trials().stream()
                .filter(trial -> trial.curve().contains(best))
                .mapToInt(SweepProgress.Trial::number)
                .findFirst()
                .orElse(-1);
    }

    private static double[] finite(List<Double> values) {
        return values.stream()
                .mapToDouble(Double::doubleValue)
                .map(v -> Double.isFinite(v) ? v : Double.NaN)
                .toArray();
    }
}
