package ai.lepton.track;

import java.util.Locale;

/**
 * One metric of a run, summed up: its value at the end and its best value, best in the metric's own direction (a loss
 * lower, an accuracy higher).
 *
 * @param metric    the metric, with its direction
 * @param latest    the value recorded last (the last epoch's)
 * @param best      the best value recorded
 * @param bestEpoch the epoch the best value was recorded in; 0 for a metric recorded once per run
 */
public record MetricSummary(Metric metric, double latest, double best, int bestEpoch) {

    /** The metric's name, as the store keeps it. */
    public String name() {
        return metric.name();
    }

    @Override
    public String toString() {
        String text = metric.name() + " " + format(latest);
        boolean sameAsLatest = Double.compare(best, latest) == 0;
        return sameAsLatest ? text : text + " (best " + format(best) + " at epoch " + bestEpoch + ")";
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
