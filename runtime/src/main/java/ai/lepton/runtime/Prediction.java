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
 * @param truncated     whether the row's text was longer than the model reads ({@code max_length} word pieces), so
 *                      that it predicted from the text's start
 */
public record Prediction(String label, Map<String, Double> probabilities, double value, boolean truncated) {

    public Prediction {
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    }

    static Prediction ofClass(String label, Map<String, Double> probabilities, boolean truncated) {
        return new Prediction(label, probabilities, Double.NaN, truncated);
    }

    static Prediction ofValue(double value, boolean truncated) {
        return new Prediction(null, Map.of(), value, truncated);
    }

    public boolean isClassification() {
        return label != null;
    }

    /**
     * The prediction as JSON-ready values: {@code {label, probabilities}} or {@code {value}}, with
     * {@code truncated: true} when the text was cut.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (isClassification()) {
            map.put("label", label);
            map.put("probabilities", probabilities);
        } else {
            map.put("value", value);
        }
        if (truncated) {
            map.put("truncated", true);
        }
        return map;
    }
}
