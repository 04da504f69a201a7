package ai.lepton.runtime.monitor;

import ai.lepton.runtime.artifact.JsonEntry;
import ai.lepton.runtime.input.CategoryField;
import ai.lepton.runtime.input.Field;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.input.NumberField;
import ai.lepton.runtime.input.TextField;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Each input field's reference distribution, fitted at promotion on the rows the model was judged on (its held-out rows,
 * a random share of the same data it trained on) and kept in the artifact ({@code monitoring/profile.json}), so a server
 * can say how far live inputs drift from them. Numbers and texts (by length) get up to ten bins at their deciles,
 * categories one bin each; dates are not profiled.
 *
 * @param fields field name to its profile
 */
public record InputProfile(Map<String, FieldProfile> fields) {

    private static final int BINS = 10;
    private static final Gson GSON = new GsonBuilder().create();

    public InputProfile {
        fields = Map.copyOf(fields);
    }

    /** The profile of {@code rows} for the fields of {@code schema}. */
    public static InputProfile fit(List<? extends Map<String, ?>> rows, InputSchema schema) {
        Map<String, FieldProfile> fields = new LinkedHashMap<>();
        for (Field field : schema.fields()) {
            List<Object> values =
                    rows.stream().map(row -> (Object) row.get(field.name())).toList();
            switch (field) {
                case NumberField number -> fields.put(number.name(), measured(values, edges(values)));
                case TextField text -> fields.put(text.name(), measured(values, edges(values)));
                case CategoryField category ->
                    fields.put(
                            category.name(),
                            measured(
                                    values,
                                    new FieldProfile(
                                            new double[0],
                                            category.categories(),
                                            new double[category.categories().size() + 2])));
                default -> {} // a date's parts are not one distribution
            }
        }
        return new InputProfile(fields);
    }

    private static FieldProfile edges(List<Object> values) {
        List<Double> present = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof Number n && !Double.isNaN(n.doubleValue())) {
                present.add(n.doubleValue());
            } else if (value instanceof CharSequence text) {
                present.add((double) text.length());
            }
        }
        present.sort(null);
        TreeSet<Double> edges = new TreeSet<>();
        for (int decile = 1; decile < BINS && !present.isEmpty(); decile++) {
            edges.add(present.get(decile * present.size() / BINS));
        }
        double[] inner = edges.stream().mapToDouble(Double::doubleValue).toArray();
        return new FieldProfile(inner, List.of(), new double[inner.length + 2]);
    }

    private static FieldProfile measured(List<Object> values, FieldProfile bins) {
        double[] shares = new double[bins.bins()];
        for (Object value : values) {
            shares[bins.bin(value)] += 1.0 / Math.max(1, values.size());
        }
        return new FieldProfile(bins.edges(), bins.categories(), shares);
    }

    public String toJson() {
        return GSON.toJson(fields);
    }

    /**
     * Reads an artifact's {@code monitoring/profile.json}: each field's profile with its types checked and its shares
     * one per bin, so that counting a served row never reaches past them.
     */
    public static InputProfile fromJson(JsonEntry json) {
        Map<String, FieldProfile> fields = new LinkedHashMap<>();
        for (String name : json.names()) {
            fields.put(name, FieldProfile.fromJson(json.object(name)));
        }
        return new InputProfile(fields);
    }
}
