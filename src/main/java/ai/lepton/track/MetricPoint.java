package ai.lepton.track;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One value of a metric series.
 *
 * @param name      the metric, such as {@code loss} or {@code val_accuracy}
 * @param step      the optimizer step it was measured at
 * @param epoch     the epoch (1-based) it belongs to
 * @param value     the value
 * @param timestamp when it was logged, in milliseconds since the epoch
 */
public record MetricPoint(String name, long step, int epoch, double value, long timestamp) {

    /**
     * Each metric's values in epoch order, one per epoch (the last logged in an epoch), metrics in first-logged order;
     * metrics recorded at each step ({@link Metric#STEP_LOSS}) are not per epoch and are left out.
     */
    public static Map<String, List<Double>> byEpoch(List<MetricPoint> points) {
        Map<String, TreeMap<Integer, Double>> byEpoch = new LinkedHashMap<>();
        for (MetricPoint point : points) {
            if (Metric.named(point.name()).every() != Metric.Every.STEP) {
                byEpoch.computeIfAbsent(point.name(), name -> new TreeMap<>()).put(point.epoch(), point.value());
            }
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        byEpoch.forEach((name, values) -> series.put(name, new ArrayList<>(values.values())));
        return series;
    }

    /** The training loss at each step, as (step, loss) pairs in the order logged. */
    public static List<double[]> stepLosses(List<MetricPoint> points) {
        return points.stream()
                .filter(point -> point.name().equals(Metric.STEP_LOSS.name()))
                .map(point -> new double[] {point.step(), point.value()})
                .toList();
    }
}
