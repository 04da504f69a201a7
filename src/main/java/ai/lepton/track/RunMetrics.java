package ai.lepton.track;

import ai.lepton.base.Suggestions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a run measured, one {@link MetricSummary} per metric (latest and best, each metric in its own direction), in the
 * order the run first recorded them. Metrics recorded at each optimizer step ({@link Metric#STEP_LOSS}) are curves,
 * not results: {@code Plots} draws them, they are left out here.
 */
public final class RunMetrics {

    private final String run;
    private final Map<String, MetricSummary> byName;

    private RunMetrics(String run, Map<String, MetricSummary> byName) {
        this.run = run;
        this.byName = byName;
    }

    /** The metrics of the run {@code run} (its name, for messages) from its recorded {@code points}. */
    public static RunMetrics of(String run, List<MetricPoint> points) {
        Map<String, TreeMap<Integer, Double>> byEpoch = new LinkedHashMap<>();
        for (MetricPoint point : points) {
            if (Metric.named(point.name()).every() != Metric.Every.STEP) { // the last value logged in an epoch counts
                byEpoch.computeIfAbsent(point.name(), name -> new TreeMap<>()).put(point.epoch(), point.value());
            }
        }
        Map<String, MetricSummary> summaries = new LinkedHashMap<>();
        byEpoch.forEach((name, values) -> summaries.put(name, summary(Metric.named(name), values)));
        return new RunMetrics(run, summaries);
    }

    private static MetricSummary summary(Metric metric, TreeMap<Integer, Double> values) {
        Map.Entry<Integer, Double> best = null;
        for (Map.Entry<Integer, Double> value : values.entrySet()) {
            if (best == null || metric.mode().better(value.getValue(), best.getValue())) {
                best = value; // the first epoch to reach the best value
            }
        }
        return new MetricSummary(metric, values.lastEntry().getValue(), best.getValue(), best.getKey());
    }

    /** The metric {@code metric}, if the run recorded it. */
    public Optional<MetricSummary> find(Metric metric) {
        return find(metric.name());
    }

    /** The metric named {@code name}, if the run recorded it. */
    public Optional<MetricSummary> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The metric {@code metric}; an error naming what the run recorded when it did not record that one. */
    public MetricSummary get(Metric metric) {
        return get(metric.name());
    }

    /** The metric named {@code name}, such as {@code val_accuracy}; an error naming what the run recorded otherwise. */
    public MetricSummary get(String name) {
        return find(name)
                .orElseThrow(() -> new TrackingException("Run " + run + " recorded no metric '" + name + "'."
                        + Suggestions.didYouMean("", name, byName.keySet())
                        + (byName.isEmpty()
                                ? " It recorded none yet."
                                : " It recorded: " + String.join(", ", names()) + ".")));
    }

    /** The value {@code metric} had at the end of the run (its last epoch). */
    public double latest(Metric metric) {
        return get(metric).latest();
    }

    /** The best value {@code metric} reached: the lowest loss, the highest accuracy. */
    public double best(Metric metric) {
        return get(metric).best();
    }

    /** The names of the metrics, in the order the run first recorded them. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Every metric's summary. */
    public List<MetricSummary> all() {
        return List.copyOf(byName.values());
    }

    /** One row per metric: its name, whether higher or lower is better, the latest and best values and the best epoch. */
    public Table table() {
        List<MetricSummary> all = all();
        return Table.create(
                "metrics of " + run,
                StringColumn.create(
                        "metric", all.stream().map(MetricSummary::name).toList()),
                StringColumn.create(
                        "better",
                        all.stream()
                                .map(summary -> summary.metric().mode() == Mode.MAX ? "higher" : "lower")
                                .toList()),
                DoubleColumn.create("latest", all.stream().mapToDouble(MetricSummary::latest)),
                DoubleColumn.create("best", all.stream().mapToDouble(MetricSummary::best)),
                IntColumn.create(
                        "best epoch",
                        all.stream().mapToInt(MetricSummary::bestEpoch).toArray()));
    }

    @Override
    public String toString() {
        return byName.values().stream().map(MetricSummary::toString).collect(Collectors.joining(", "));
    }
}
