package ai.lepton.plot;

import ai.lepton.base.Suggestions;
import ai.lepton.track.Metric;
import ai.lepton.track.MetricPoint;
import ai.lepton.track.Mode;
import ai.lepton.train.listener.TrainingProgress;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Learning curves of one run or many. By default: the training loss by optimizer step, then one panel per
 * metric family by epoch, training dashed and validation solid ({@code accuracy} with {@code val_accuracy}).
 * Asked for named metrics: one panel each, every run a colour. The live training view draws the same way.
 */
public final class MetricCurves {

    private static final int PANEL_WIDTH = 300;
    private static final int PANEL_HEIGHT = 240;
    private static final int COLUMNS = 3;

    /**
     * One run's curves.
     *
     * @param run      how the legend names the run
     * @param stepLoss (step, loss) pairs
     * @param byEpoch  each epoch-level metric's values, epoch 1 first
     */
    public record Curves(String run, List<double[]> stepLoss, Map<String, List<Double>> byEpoch) {

        /** A run's curves from the metrics its run store recorded. */
        public static Curves of(String run, List<MetricPoint> points) {
            return new Curves(run, MetricPoint.stepLosses(points), MetricPoint.byEpoch(points));
        }

        /** A run's curves as training goes. */
        public static Curves of(TrainingProgress progress) {
            return new Curves(progress.runName(), progress.stepLosses(), progress.epochMetrics());
        }

        Set<String> metrics() {
            Set<String> names = new LinkedHashSet<>(byEpoch.keySet());
            if (!stepLoss.isEmpty()) {
                names.add(Metric.STEP_LOSS.name());
            }
            return names;
        }
    }

    private MetricCurves() {}

    /** The default panels for these runs. */
    public static Figure of(List<Curves> runs) {
        return of(runs, List.of());
    }

    /** One panel per metric in {@code metrics} (empty: the default panels); an unknown metric is refused naming the known ones. */
    public static Figure of(List<Curves> runs, List<String> metrics) {
        Set<String> known = new LinkedHashSet<>();
        runs.forEach(run -> known.addAll(run.metrics()));
        List<XYChart> charts = new ArrayList<>();
        if (metrics.isEmpty()) {
            if (known.contains(Metric.STEP_LOSS.name())) {
                charts.add(stepChart(runs));
            }
            families(known).forEach((family, members) -> charts.add(epochChart(family, members, runs)));
        } else {
            for (String metric : metrics) {
                if (!known.contains(metric)) {
                    throw new PlotException("No run here recorded the metric '" + metric + "'."
                            + Suggestions.didYouMean("", metric, known) + " Recorded: "
                            + (known.isEmpty() ? "none yet" : String.join(", ", known)) + ".");
                }
                charts.add(
                        metric.equals(Metric.STEP_LOSS.name())
                                ? stepChart(runs)
                                : epochChart(metric, List.of(metric), runs));
            }
        }
        if (charts.isEmpty()) {
            XYChart empty = HouseStyle.xy("learning curves", "epoch", "", PANEL_WIDTH, PANEL_HEIGHT);
            HouseStyle.placeholder(empty, "(no metric recorded yet)");
            charts.add(empty);
        }
        return Figure.grid(charts, COLUMNS);
    }

    /**
     * Metric families, the loss first and the rest by name, so pictures look alike whatever order metrics arrived in:
     * {@code val_accuracy} joins {@code accuracy}, training before validation.
     */
    private static Map<String, List<String>> families(Set<String> metrics) {
        Map<String, List<String>> families =
                new TreeMap<>(Comparator.comparing((String family) -> !family.equals(Metric.LOSS.name()))
                        .thenComparing(Comparator.naturalOrder()));
        for (String metric : new TreeSet<>(metrics)) { // "accuracy" sorts before "val_accuracy"
            if (!metric.equals(Metric.STEP_LOSS.name())) {
                String family =
                        metric.startsWith(Metric.VALIDATION) ? metric.substring(Metric.VALIDATION.length()) : metric;
                families.computeIfAbsent(family, name -> new ArrayList<>()).add(metric);
            }
        }
        return families;
    }

    private static XYChart stepChart(List<Curves> runs) {
        XYChart chart = HouseStyle.xy("training loss by step", "step", "loss", PANEL_WIDTH, PANEL_HEIGHT);
        for (int i = 0; i < runs.size(); i++) {
            List<double[]> points = runs.get(i).stepLoss();
            if (!points.isEmpty()) {
                XYSeries series = chart.addSeries(
                        runs.size() == 1 ? "loss" : runs.get(i).run(),
                        points.stream().mapToDouble(point -> point[0]).toArray(),
                        finite(points.stream().mapToDouble(point -> point[1]).toArray()));
                series.setMarker(SeriesMarkers.NONE)
                        .setLineColor(HouseStyle.PALETTE[i % HouseStyle.PALETTE.length])
                        .setLineStyle(HouseStyle.SOLID);
            }
        }
        chart.getStyler().setLegendVisible(runs.size() > 1);
        double last = runs.stream()
                .flatMap(run -> run.stepLoss().stream())
                .mapToDouble(point -> point[0])
                .max()
                .orElse(0);
        RoundTicks.x(chart, 0, last, true); // long runs: a few round steps (20,000), not crowded raw ones
        HouseStyle.placeholder(chart, "(no step finished yet)");
        return chart;
    }

    private static XYChart epochChart(String title, List<String> metrics, List<Curves> runs) {
        XYChart chart = HouseStyle.xy(title + " by epoch", "epoch", title, PANEL_WIDTH, PANEL_HEIGHT);
        for (int r = 0; r < runs.size(); r++) {
            for (int m = 0; m < metrics.size(); m++) {
                String metric = metrics.get(m);
                List<Double> values = runs.get(r).byEpoch().getOrDefault(metric, List.of());
                if (values.isEmpty()) {
                    continue;
                }
                XYSeries series = chart.addSeries(
                        runs.size() == 1 ? metric : runs.get(r).run() + " " + metric,
                        IntStream.rangeClosed(1, values.size()).asDoubleStream().toArray(),
                        finite(values.stream().mapToDouble(Double::doubleValue).toArray()));
                boolean validation = metric.startsWith(Metric.VALIDATION) || metrics.size() == 1;
                int colour = runs.size() == 1 ? m : r;
                Color color = HouseStyle.PALETTE[colour % HouseStyle.PALETTE.length];
                series.setLineColor(color);
                series.setMarkerColor(color);
                series.setLineStyle(validation ? HouseStyle.SOLID : HouseStyle.DASHED);
                series.setMarker(values.size() > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            }
        }
        RoundTicks.wholeSteps(
                chart,
                runs.stream()
                        .flatMap(run ->
                                metrics.stream().map(metric -> run.byEpoch().getOrDefault(metric, List.of())))
                        .mapToInt(List::size)
                        .max()
                        .orElse(0));
        if (Metric.named(title).mode() == Mode.MAX) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE); // rising curves leave that corner free
        }
        HouseStyle.placeholder(chart, "(no epoch finished yet)");
        return chart;
    }

    /** Infinite values (a diverged loss) would wreck the axis; they are left out as gaps. */
    private static double[] finite(double[] values) {
        return Arrays.stream(values)
                .map(v -> Double.isFinite(v) ? v : Double.NaN)
                .toArray();
    }
}
