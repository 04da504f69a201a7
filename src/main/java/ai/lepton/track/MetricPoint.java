package ai.lepton.track;

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

    /** Each metric's values in epoch order, one per epoch (the last logged in an epoch), metrics in first-logged order. */
    public static java.util.Map<String, java.util.List<Double>> byEpoch(java.util.List<MetricPoint> points) {
        java.util.Map<String, java.util.TreeMap<Integer, Double>> byEpoch = new java.util.LinkedHashMap<>();
        for (MetricPoint point : points) {
            byEpoch.computeIfAbsent(point.name(), name -> new java.util.TreeMap<>())
                    .put(point.epoch(), point.value());
        }
        java.util.Map<String, java.util.List<Double>> series = new java.util.LinkedHashMap<>();
        byEpoch.forEach((name, values) -> series.put(name, new java.util.ArrayList<>(values.values())));
        return series;
    }
}
