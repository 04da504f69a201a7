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
}
