package ai.lepton.runtime.monitor;

import ai.lepton.runtime.input.CategoryField;
import ai.lepton.runtime.input.Field;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.input.NumberField;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counts of a served model's inputs, per field: values missing, numbers outside the range the training split held,
 * categories it never saw, and each profiled field's values by bin, from which {@link #drift} is the population
 * stability index against the artifact's {@link InputProfile}. Safe from many threads; counting is a few adds per field.
 */
public final class InputHealth {

    /** A share never taken as below this, so an empty bin does not make the index infinite. */
    private static final double FLOOR = 1e-4;

    private final InputSchema schema;
    private final InputProfile profile;
    private final Map<String, LongAdder> missing = new LinkedHashMap<>();
    private final Map<String, LongAdder> outOfRange = new LinkedHashMap<>();
    private final Map<String, LongAdder> unseen = new LinkedHashMap<>();
    private final Map<String, LongAdder[]> bins = new LinkedHashMap<>();

    public InputHealth(InputSchema schema, InputProfile profile) {
        this.schema = schema;
        this.profile = profile;
        for (Field field : schema.fields()) {
            missing.put(field.name(), new LongAdder());
            if (field instanceof NumberField) {
                outOfRange.put(field.name(), new LongAdder());
            }
            if (field instanceof CategoryField) {
                unseen.put(field.name(), new LongAdder());
            }
            FieldProfile reference = profile == null ? null : profile.fields().get(field.name());
            if (reference != null) {
                LongAdder[] counts = new LongAdder[reference.bins()];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = new LongAdder();
                }
                bins.put(field.name(), counts);
            }
        }
    }

    /** Counts the fields of rows the model was asked to predict. */
    public void observe(List<? extends Map<String, ?>> rows) {
        for (Map<String, ?> row : rows) {
            for (Field field : schema.fields()) {
                Object value = row.get(field.name());
                boolean absent = value == null || (value instanceof CharSequence text && text.isEmpty());
                if (absent) {
                    missing.get(field.name()).increment();
                } else if (field instanceof NumberField number && value instanceof Number n) {
                    double x = n.doubleValue();
                    if (x < number.min() || x > number.max()) {
                        outOfRange.get(field.name()).increment();
                    }
                } else if (field instanceof CategoryField category
                        && !category.categories().contains(String.valueOf(value))) {
                    unseen.get(field.name()).increment();
                }
                LongAdder[] counts = bins.get(field.name());
                if (counts != null) {
                    counts[profile.fields().get(field.name()).bin(absent ? null : value)].increment();
                }
            }
        }
    }

    public Map<String, Long> missing() {
        return sums(missing);
    }

    public Map<String, Long> outOfRange() {
        return sums(outOfRange);
    }

    public Map<String, Long> unseen() {
        return sums(unseen);
    }

    /**
     * Each profiled field's population stability index of the values seen so far against the reference: under 0.1 is
     * usually read as stable, above 0.25 as a shift. NaN until a value arrives.
     */
    public Map<String, Double> drift() {
        Map<String, Double> drift = new LinkedHashMap<>();
        bins.forEach((name, counts) -> {
            double[] reference = profile.fields().get(name).shares();
            long total = 0;
            for (LongAdder count : counts) {
                total += count.sum();
            }
            double index = 0;
            for (int bin = 0; bin < counts.length; bin++) {
                double live = Math.max(FLOOR, total == 0 ? 0 : counts[bin].sum() / (double) total);
                double expected = Math.max(FLOOR, reference[bin]);
                index += (live - expected) * Math.log(live / expected);
            }
            drift.put(name, total == 0 ? Double.NaN : index);
        });
        return drift;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> sums = new LinkedHashMap<>();
        adders.forEach((name, adder) -> sums.put(name, adder.sum()));
        return sums;
    }
}
