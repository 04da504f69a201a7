package ai.lepton.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One prediction: for a classifier the most probable label and every label's probability (in label order),
 * for a regressor the value.
 *
 * @param label         the predicted class; null for regression
 * @param probabilities label to probability, summing to 1; empty for regression
 * @param value         the predicted number; NaN for classification
 */
public record Prediction(String label, Map<String, Double> probabilities, double value) {

    public Prediction {
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    }

    static Prediction ofClass(String label, Map<String, Double> probabilities) {
        return new Prediction(label, probabilities, Double.NaN);
    }

    static Prediction ofValue(double value) {
        return new Prediction(null, Map.of(), value);
    }

    public boolean isClassification() {
        return label != null;
    }

    /** The prediction as JSON-ready values: {@code {label, probabilities}} or {@code {value}}. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (isClassification()) {
            map.put("label", label);
            map.put("probabilities", probabilities);
        } else {
            map.put("value", value);
        }
        return map;
    }
}
