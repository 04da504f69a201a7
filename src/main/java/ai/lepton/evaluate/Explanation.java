package ai.lepton.evaluate;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Locale;
import java.util.Map;

/**
 * Which inputs a run's model leans on: permutation importance on its held-out rows.
 *
 * @param run        the run's name
 * @param metric     the metric judged ({@code test_accuracy} or {@code test_rmse})
 * @param baseline   the metric on the rows as they are
 * @param importance input column to how much the metric worsens when that column is shuffled, largest first
 * @param rows       held-out rows used
 * @param repeats    shuffles averaged per column
 */
public record Explanation(
        String run, String metric, double baseline, Map<String, Double> importance, int rows, int repeats) {

    /** The importance as a table, most important first. */
    public Table table() {
        return Table.create(
                "permutation importance of " + run,
                StringColumn.create("input column", importance.keySet()),
                DoubleColumn.create(
                        metric + " lost", importance.values().stream().mapToDouble(Double::doubleValue)));
    }

    /** One sentence saying how the numbers were made. */
    public String method() {
        return String.format(
                Locale.ROOT,
                "Run %s: %s is %.4f on %d held-out rows; each bar is how much it worsens when one input column is"
                        + " shuffled across rows (mean of %d seeded shuffles). Near zero: the model does not rely on that column.",
                run,
                metric,
                baseline,
                rows,
                repeats);
    }

    @Override
    public String toString() {
        return method() + "\n" + table().printAll();
    }
}
