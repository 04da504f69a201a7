package ai.lepton.evaluate;

import ai.lepton.data.prepare.ModelInput;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Permutation feature importance on held-out rows: how much the headline metric worsens when one input
 * column's values are shuffled across rows (averaged over a few seeded shuffles). Model-agnostic, and it
 * speaks in the user's columns, not in encoded features.
 */
final class PermutationImportance {

    static final int REPEATS = 3;

    private PermutationImportance() {}

    /**
     * Input column to the metric lost when it is shuffled, largest first; {@code unshuffled} is the model's evaluation on
     * the raw {@code rows}.
     */
    static Map<String, Double> of(
            TrainedModel model,
            ModelInput input,
            List<Map<String, Object>> rows,
            HeldOutEvaluation unshuffled,
            long seed) {
        String metric = HeldOutEvaluation.headline(input);
        double sign = HeldOutEvaluation.higherIsBetter(input) ? 1 : -1;
        double baseline = unshuffled.metrics().get(metric);
        Map<String, Double> importance = new LinkedHashMap<>();
        Random random = new Random(seed);
        for (String name : input.shuffledInputs()) {
            double lost = 0;
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                List<Map<String, Object>> shuffled = shuffled(rows, name, random);
                lost += sign
                        * (baseline
                                - HeldOutEvaluation.of(model, input, input.read(shuffled))
                                        .metrics()
                                        .get(metric));
            }
            importance.put(name, lost / REPEATS);
        }
        List<Map.Entry<String, Double>> entries = new ArrayList<>(importance.entrySet());
        entries.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        Map<String, Double> sorted = new LinkedHashMap<>();
        entries.forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /** Copies of {@code rows} whose values of {@code name} are those of other rows, in a seeded random order. */
    private static List<Map<String, Object>> shuffled(List<Map<String, Object>> rows, String name, Random random) {
        List<Object> values = new ArrayList<>(rows.size());
        rows.forEach(row -> values.add(row.get(name)));
        Collections.shuffle(values, random);
        List<Map<String, Object>> shuffled = new ArrayList<>(rows.size());
        for (int row = 0; row < rows.size(); row++) {
            Map<String, Object> copy = new LinkedHashMap<>(rows.get(row));
            copy.put(name, values.get(row));
            shuffled.add(copy);
        }
        return shuffled;
    }
}
