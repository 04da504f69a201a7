package ai.lepton.runtime.serve;

import ai.lepton.runtime.Prediction;
import ai.lepton.runtime.monitor.InputHealth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What a prediction server tells its monitoring, in Prometheus' text format ({@code GET /metrics}): requests by
 * endpoint and status, errors by kind, a latency histogram, rows predicted, predicted labels, and the inputs' health
 * ({@link InputHealth}: missing, out of range, unseen, texts cut at max_length, drift). Counting costs a few atomic adds.
 */
final class ServingMetrics {

    /** Latency bucket bounds in seconds. */
    private static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> labels = new ConcurrentHashMap<>();
    private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final InputHealth health;
    private final LongSupplier truncatedTexts;
    private final boolean enabled;

    /** {@code enabled} false: nothing is counted (a server started with {@code --metrics off}). */
    ServingMetrics(InputHealth health, LongSupplier truncatedTexts, boolean enabled) {
        this.health = health;
        this.truncatedTexts = truncatedTexts;
        this.enabled = enabled;
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    boolean enabled() {
        return enabled;
    }

    /** One request to {@code endpoint} answered with {@code status} after {@code nanos}. */
    void request(String endpoint, int status, long nanos) {
        if (!enabled) {
            return;
        }
        requests.computeIfAbsent(labels("endpoint", endpoint, "code", String.valueOf(status)), key -> new LongAdder())
                .increment();
        if (endpoint.equals("/predict")) {
            double seconds = nanos / 1e9;
            for (int i = 0; i < BOUNDS.length; i++) {
                if (seconds <= BOUNDS[i]) {
                    buckets[i].increment();
                }
            }
            latencyCount.increment();
            latencyNanos.add(nanos);
        }
    }

    /**
     * A refused or failed request: {@code kind} is bad_json, bad_input, too_large, too_many_rows, length_required,
     * method, busy (503, too many at once), out_of_memory (503), internal (500), or aborted (the client went away or
     * ran out of time, and got no answer).
     */
    void error(String endpoint, String kind) {
        if (!enabled) {
            return;
        }
        errors.computeIfAbsent(labels("endpoint", endpoint, "kind", kind), key -> new LongAdder())
                .increment();
    }

    /** The rows a request asked about and what was predicted for them. */
    void predicted(List<? extends Map<String, ?>> inputs, List<Prediction> predictions) {
        if (!enabled) {
            return;
        }
        health.observe(inputs);
        rows.add(predictions.size());
        for (Prediction prediction : predictions) {
            if (prediction.isClassification()) {
                labels.computeIfAbsent(labels("label", prediction.label()), key -> new LongAdder())
                        .increment();
            }
        }
    }

    /** Every metric, in Prometheus' text exposition format. */
    String text() {
        StringBuilder out = new StringBuilder();
        counters(out, "lepton_requests_total", "Requests answered, by endpoint and status code.", requests);
        counters(out, "lepton_request_errors_total", "Requests refused, by endpoint and kind.", errors);
        header(out, "lepton_request_duration_seconds", "histogram", "Time to answer POST /predict.");
        for (int i = 0; i < BOUNDS.length; i++) {
            out.append("lepton_request_duration_seconds_bucket{le=\"")
                    .append(BOUNDS[i])
                    .append("\"} ")
                    .append(buckets[i].sum())
                    .append('\n');
        }
        out.append("lepton_request_duration_seconds_bucket{le=\"+Inf\"} ")
                .append(latencyCount.sum())
                .append('\n')
                .append("lepton_request_duration_seconds_sum ")
                .append(String.format(Locale.ROOT, "%.6f", latencyNanos.sum() / 1e9))
                .append('\n')
                .append("lepton_request_duration_seconds_count ")
                .append(latencyCount.sum())
                .append('\n');
        single(out, "lepton_rows_predicted_total", "counter", "Rows predicted.", rows.sum());
        counters(out, "lepton_predictions_total", "Predictions by predicted label.", labels);
        fields(out, "lepton_input_missing_total", "counter", "Inputs without a value, by field.", health.missing());
        fields(
                out,
                "lepton_input_out_of_range_total",
                "counter",
                "Numbers outside the range the training split held, by field.",
                health.outOfRange());
        fields(
                out,
                "lepton_input_unseen_category_total",
                "counter",
                "Categories the training split never held, by field.",
                health.unseen());
        single(
                out,
                "lepton_input_text_truncated_total",
                "counter",
                "Texts longer than max_length, cut.",
                truncatedTexts.getAsLong());
        fields(
                out,
                "lepton_input_drift_psi",
                "gauge",
                "Population stability index of each field against the artifact's reference rows.",
                health.drift());
        return out.toString();
    }

    private static void counters(StringBuilder out, String name, String help, Map<String, LongAdder> series) {
        header(out, name, "counter", help);
        series.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> out.append(name)
                        .append(entry.getKey())
                        .append(' ')
                        .append(entry.getValue().sum())
                        .append('\n'));
    }

    private static void fields(
            StringBuilder out, String name, String type, String help, Map<String, ? extends Number> values) {
        header(out, name, type, help);
        values.forEach((field, value) -> out.append(name)
                .append(labels("field", field))
                .append(' ')
                .append(
                        value instanceof Double d
                                ? (Double.isNaN(d) ? "NaN" : String.format(Locale.ROOT, "%.6f", d))
                                : value)
                .append('\n'));
    }

    private static void single(StringBuilder out, String name, String type, String help, long value) {
        header(out, name, type, help);
        out.append(name).append(' ').append(value).append('\n');
    }

    /** The lines that name a metric's meaning and type before its series. */
    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** {@code {k1="v1",k2="v2"}} with the values escaped as the format asks. */
    private static String labels(String... pairs) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(i == 0 ? "" : ",")
                    .append(pairs[i])
                    .append("=\"")
                    .append(pairs[i + 1]
                            .replace("\\", "\\\\")
                            .replace("\"", "\\\"")
                            .replace("\n", "\\n"))
                    .append('"');
        }
        return out.append('}').toString();
    }
}
