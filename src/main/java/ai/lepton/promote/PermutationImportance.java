package ai.lepton.promote;

import ai.lepton.data.Preparation;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

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

    /** Input column to the metric lost when it is shuffled, largest first; {@code unshuffled} is the model's evaluation on {@code table}. */
    static Map<String, Double> of(
            TrainedModel model, Preparation preparation, Table table, HeldOutEvaluation unshuffled, long seed) {
        String metric = HeldOutEvaluation.headline(preparation);
        double sign = HeldOutEvaluation.higherIsBetter(preparation) ? 1 : -1;
        double baseline = unshuffled.metrics().get(metric);
        Map<String, Double> importance = new LinkedHashMap<>();
        Random random = new Random(seed);
        List<String> inputs = new ArrayList<>(preparation.columns());
        inputs.addAll(preparation.textColumns()); // a text shuffled across rows: the model reads another row's text
        for (String name : inputs) {
            double lost = 0;
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                Table shuffled = table.copy();
                Column<?> column = shuffled.column(name);
                shuffled.replaceColumn(
                        name,
                        column.subset(permutation(table.rowCount(), random)).setName(name));
                lost += sign
                        * (baseline
                                - HeldOutEvaluation.of(model, preparation, shuffled)
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

    private static int[] permutation(int rows, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            order.add(row);
        }
        Collections.shuffle(order, random);
        return order.stream().mapToInt(Integer::intValue).toArray();
    }
}
