package ai.lepton.data.prepare;

import ai.lepton.base.Suggestions;
import ai.lepton.data.DataException;
import ai.lepton.data.Quantiles;
import ai.lepton.data.Task;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Fits a {@link Preparation} on the training split of a table and applies it to every split. No
 * statistic (fill values, scales, categories, labels) ever sees a validation or test row.
 */
public final class Preparer {

    /** An integer target with at most this many distinct values is a classification target. */
    static final int MAX_INTEGER_CLASSES = 20;
    /** The category constant imputation gives missing text values. */
    static final String MISSING_CATEGORY = "(missing)";

    private Preparer() {}

    public static Prepared prepare(Table table, PrepareOptions spec) {
        Rows rows = rows(table, spec);
        Task task = task(rows.table().column(spec.target()), spec);
        Splitter.Split split = split(rows.table(), spec, task);
        return fitAndApply(rows, spec, task, split);
    }

    /**
     * k-fold cross-validation: {@code k} preparations, fold {@code i} validating on the i-th fold and
     * fitted on the others (its test split is empty). Folds are seeded, and stratified when the spec says so.
     */
    public static List<Prepared> folds(Table table, PrepareOptions spec, int k) {
        Rows rows = rows(table, spec);
        if (k < 2 || k > rows.table().rowCount()) {
            throw new DataException("k-fold needs 2 to " + rows.table().rowCount() + " folds; got " + k + ".");
        }
        Task task = task(rows.table().column(spec.target()), spec);
        String[] labels = spec.stratify() ? labels(rows.table(), spec, task) : null;
        List<Prepared> folds = new ArrayList<>();
        for (Splitter.Split split : Splitter.folds(rows.table().rowCount(), labels, k, spec.seed())) {
            folds.add(fitAndApply(rows, spec, task, split));
        }
        return folds;
    }

    /** The table, the rows preparing works on (a view of it) and where each came from in it. */
    private record Rows(Table source, Table table, int[] original, List<String> features, List<String> notes) {}

    private static Rows rows(Table table, PrepareOptions spec) {
        checkColumns(table, spec);
        List<String> features = table.columnNames().stream()
                .filter(name -> !name.equals(spec.target())
                        && !spec.drop().contains(name)
                        && !spec.text().contains(name))
                .toList();
        if (features.isEmpty() && spec.text().isEmpty()) {
            throw new DataException(
                    "No feature columns are left after the target and the dropped ones (optDrop, --drop). Drop fewer columns.");
        }
        List<String> notes = new ArrayList<>(FreeText.notes(table, spec, features));
        int[] kept = rowsWithValues(
                table,
                List.of(spec.target()),
                IntStream.range(0, table.rowCount()).toArray(),
                "the target '" + spec.target() + "'",
                notes);
        if (spec.impute() == PrepareOptions.Impute.DROP) {
            kept = rowsWithValues(table, features, kept, "a feature column", notes);
        }
        if (spec.deduplicate()) {
            kept = distinctRows(table, kept, notes);
        }
        return new Rows(table, table.rows(kept), kept, features, notes);
    }

    private static Prepared fitAndApply(Rows rows, PrepareOptions spec, Task task, Splitter.Split split) {
        Table train = subset(rows.table(), split.train());
        Preparation preparation = fit(train, spec, rows.features(), task);
        return new Prepared(
                preparation,
                rows.source(),
                preparation.apply(train),
                preparation.apply(subset(rows.table(), split.validation())),
                preparation.apply(subset(rows.table(), split.test())),
                original(rows.original(), split.train()),
                original(rows.original(), split.validation()),
                original(rows.original(), split.test()),
                rows.notes());
    }

    /** The rows at {@code positions}; Tablesaw refuses an empty selection, so an empty split gets an empty copy. */
    private static Table subset(Table table, int[] positions) {
        return positions.length == 0 ? table.emptyCopy() : table.rows(positions);
    }

    private static int[] original(int[] kept, int[] positions) {
        return Arrays.stream(positions).map(position -> kept[position]).toArray();
    }

    private static void checkColumns(Table table, PrepareOptions spec) {
        List<String> names = table.columnNames();
        if (!names.contains(spec.target())) {
            throw new DataException("Unknown target column '" + spec.target() + "'."
                    + Suggestions.didYouMean("", spec.target(), names) + " Columns: " + String.join(", ", names) + ".");
        }
        for (String drop : spec.drop()) {
            if (!names.contains(drop)) {
                throw new DataException("The columns to drop (optDrop, --drop) name an unknown column '" + drop + "'."
                        + Suggestions.didYouMean("", drop, names) + " Columns: " + String.join(", ", names) + ".");
            }
        }
        FreeText.check(table, spec);
    }

    /** The rows among {@code candidates} that have a value in every one of {@code columns}. */
    private static int[] rowsWithValues(
            Table table, List<String> columns, int[] candidates, String what, List<String> notes) {
        List<Column<?>> checked = columns.stream().<Column<?>>map(table::column).toList();
        int[] keep = Arrays.stream(candidates)
                .filter(row -> checked.stream().noneMatch(column -> column.isMissing(row)))
                .toArray();
        if (keep.length < candidates.length) {
            notes.add((candidates.length - keep.length) + " of " + candidates.length + " rows have no value in " + what
                    + " and were left out.");
        }
        if (keep.length == 0) {
            throw new DataException("Every row is missing " + what + "; nothing is left to prepare.");
        }
        return keep;
    }

    /** The first of each group of identical rows (every column equal). */
    private static int[] distinctRows(Table table, int[] candidates, List<String> notes) {
        Set<List<String>> seen = new HashSet<>();
        int[] keep = Arrays.stream(candidates)
                .filter(row -> seen.add(table.columns().stream()
                        .map(column -> column.isMissing(row) ? "\u0000" : column.getString(row))
                        .toList()))
                .toArray();
        if (keep.length < candidates.length) {
            notes.add((candidates.length - keep.length) + " duplicate rows were dropped.");
        }
        return keep;
    }

    /** The spec's task, checked against the target, or the task the target's values suggest. */
    private static Task task(Column<?> target, PrepareOptions spec) {
        if (spec.task() == Task.REGRESSION && !(target instanceof NumericColumn<?>)) {
            throw new DataException(
                    "Regression needs a numeric target, but '" + target.name() + "' holds text (for example '"
                            + target.getString(0) + "'). Predict it as classification, or choose a numeric target.");
        }
        return spec.task() != null ? spec.task() : taskOf(target);
    }

    static Task taskOf(Column<?> target) {
        if (target.type() == ColumnType.DOUBLE || target.type() == ColumnType.FLOAT) {
            return Task.REGRESSION;
        }
        if (target instanceof NumericColumn<?> && target.unique().size() > MAX_INTEGER_CLASSES) {
            return Task.REGRESSION;
        }
        return Task.CLASSIFICATION;
    }

    private static Splitter.Split split(Table rows, PrepareOptions spec, Task task) {
        return spec.stratify()
                ? Splitter.stratified(labels(rows, spec, task), spec.fractions(), spec.seed())
                : Splitter.split(rows.rowCount(), spec.fractions(), spec.seed());
    }

    /** The target's labels for stratifying, after checking that stratifying makes sense. */
    private static String[] labels(Table rows, PrepareOptions spec, Task task) {
        if (task != Task.CLASSIFICATION) {
            throw new DataException("Stratifying (optStratify, --stratify) needs a classification target; '"
                    + spec.target() + "' holds numbers to predict. Do not stratify.");
        }
        String[] labels = rows.column(spec.target()).asStringColumn().asObjectArray();
        long classes = Arrays.stream(labels).distinct().count();
        if (classes < 2) {
            throw new DataException("Stratifying (optStratify, --stratify) needs at least two classes, but the target '"
                    + spec.target() + "' has only '" + labels[0] + "'. Check the target column, or do not stratify.");
        }
        return labels;
    }

    private static Preparation fit(Table train, PrepareOptions spec, List<String> features, Task task) {
        Map<String, NumericFeature> numeric = new HashMap<>();
        Map<String, CategoricalFeature> categorical = new HashMap<>();
        Map<String, DateFeature> dates = new HashMap<>();
        for (String name : features) {
            Column<?> column = train.column(name);
            if (DatePart.isTemporal(column)) {
                List<DatePart> parts = DatePart.of(column);
                dates.put(
                        name,
                        new DateFeature(
                                name,
                                parts,
                                parts.stream()
                                        .map(part -> fitNumeric(part.extract(column), spec))
                                        .toList()));
            } else if (column instanceof NumericColumn<?> numbers) {
                numeric.put(name, fitNumeric(numbers, spec));
            } else {
                categorical.put(name, fitCategorical(column, spec));
            }
        }
        List<String> labels = task == Task.CLASSIFICATION
                ? List.copyOf(new TreeSet<>(
                        train.column(spec.target()).asStringColumn().asList()))
                : List.of();
        return new Preparation(spec, features, numeric, categorical, dates, spec.target(), task, labels);
    }

    private static NumericFeature fitNumeric(NumericColumn<?> column, PrepareOptions spec) {
        double[] present = IntStream.range(0, column.size())
                .filter(row -> !column.isMissing(row))
                .mapToDouble(column::getDouble)
                .sorted()
                .toArray();
        if (present.length == 0) {
            throw new DataException("Column '" + column.name()
                    + "' has no values in the training split. Drop it (optDrop(List.of(\"" + column.name()
                    + "\")) or --drop "
                    + column.name() + ").");
        }
        double fill = switch (spec.impute()) {
            case MEDIAN -> Quantiles.of(present, 0.5);
            case MEAN -> Arrays.stream(present).average().orElseThrow();
            case MODE -> mode(present);
            case CONSTANT -> spec.fill();
            case DROP -> Double.NaN;
        };
        double low = Double.NEGATIVE_INFINITY;
        double high = Double.POSITIVE_INFINITY;
        if (spec.clip()) {
            double q1 = Quantiles.of(present, 0.25);
            double q3 = Quantiles.of(present, 0.75);
            low = q1 - 1.5 * (q3 - q1);
            high = q3 + 1.5 * (q3 - q1);
            double lowest = low;
            double highest = high;
            present = Arrays.stream(present)
                    .map(v -> Math.min(highest, Math.max(lowest, v)))
                    .toArray();
        }
        double[] values = present;
        String name = column.name();
        double min = values[0];
        double max = values[values.length - 1];
        return switch (spec.scale()) {
            case STANDARD -> {
                double mean = Arrays.stream(values).average().orElseThrow();
                double variance =
                        Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
                yield new NumericFeature(name, fill, low, high, mean, nonZero(Math.sqrt(variance)), min, max);
            }
            case MINMAX ->
                new NumericFeature(
                        name, fill, low, high, values[0], nonZero(values[values.length - 1] - values[0]), min, max);
            case ROBUST ->
                new NumericFeature(
                        name,
                        fill,
                        low,
                        high,
                        Quantiles.of(values, 0.5),
                        nonZero(Quantiles.of(values, 0.75) - Quantiles.of(values, 0.25)),
                        min,
                        max);
            case NONE -> new NumericFeature(name, fill, low, high, 0, 1, min, max);
        };
    }

    /** A constant column would divide by zero; it stays at zero after centring instead. */
    private static double nonZero(double scale) {
        return scale == 0 ? 1 : scale;
    }

    private static double mode(double[] sorted) {
        Map<Double, Integer> counts = new TreeMap<>();
        for (double value : sorted) {
            counts.merge(value, 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    private static CategoricalFeature fitCategorical(Column<?> column, PrepareOptions spec) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row)) {
                counts.merge(column.getString(row), 1, Integer::sum);
            }
        }
        if (counts.isEmpty()) {
            throw new DataException("Column '" + column.name()
                    + "' has no values in the training split. Drop it (optDrop(List.of(\"" + column.name()
                    + "\")) or --drop "
                    + column.name() + ").");
        }
        String mostFrequent = null; // ties go to the alphabetically first value, so fitting is deterministic
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (mostFrequent == null || entry.getValue() > counts.get(mostFrequent)) {
                mostFrequent = entry.getKey();
            }
        }
        if (spec.impute() == PrepareOptions.Impute.CONSTANT) {
            counts.putIfAbsent(MISSING_CATEGORY, 0); // its own category, so "missing" can carry signal
            return new CategoricalFeature(column.name(), MISSING_CATEGORY, List.copyOf(counts.keySet()), spec.encode());
        }
        return new CategoricalFeature(
                column.name(),
                spec.impute() == PrepareOptions.Impute.DROP ? null : mostFrequent,
                List.copyOf(counts.keySet()),
                spec.encode());
    }
}
