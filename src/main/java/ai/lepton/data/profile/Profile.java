package ai.lepton.data.profile;

import ai.lepton.base.Suggestions;
import ai.lepton.data.DataException;
import ai.lepton.data.Quantiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One row per column of a table: type, count, missing, distinct, numeric summary (min, max, mean,
 * std, quartiles, IQR outliers) or the top categories, and flags for constant and ID-like columns.
 * With a target, a second table gives its class balance. Numeric columns get a histogram of 20 bins.
 *
 * @param columns    the per-column summary
 * @param target     the target's values with counts and shares, or null without a target
 * @param histograms a histogram of each numeric column, by column name
 */
public record Profile(Table columns, Table target, Map<String, Histogram> histograms) {

    private static final int TOP = 3;
    private static final int HISTOGRAM_BINS = 20;

    public static Profile of(Table table, String targetOrNull) {
        if (targetOrNull != null && !table.containsColumn(targetOrNull)) {
            throw new DataException("Unknown target column '" + targetOrNull + "'."
                    + Suggestions.didYouMean("", targetOrNull, table.columnNames()) + " Columns: "
                    + String.join(", ", table.columnNames()) + ".");
        }
        StringColumn name = StringColumn.create("column");
        StringColumn type = StringColumn.create("type");
        IntColumn count = IntColumn.create("count");
        IntColumn missing = IntColumn.create("missing");
        IntColumn distinct = IntColumn.create("distinct");
        DoubleColumn min = DoubleColumn.create("min");
        DoubleColumn q1 = DoubleColumn.create("q25");
        DoubleColumn median = DoubleColumn.create("median");
        DoubleColumn q3 = DoubleColumn.create("q75");
        DoubleColumn max = DoubleColumn.create("max");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn std = DoubleColumn.create("std");
        IntColumn outliers = IntColumn.create("outliers");
        StringColumn top = StringColumn.create("top values");
        StringColumn flags = StringColumn.create("flags");
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        for (Column<?> column : table.columns()) {
            int present = column.size() - column.countMissing();
            int unique = (int) IntStream.range(0, column.size())
                    .filter(row -> !column.isMissing(row))
                    .mapToObj(column::getString)
                    .distinct()
                    .count();
            name.append(column.name());
            type.append(column.type().name().toLowerCase());
            count.append(present);
            missing.append(column.countMissing());
            distinct.append(unique);
            if (column instanceof NumericColumn<?> numbers && present > 0) {
                double[] values = IntStream.range(0, numbers.size())
                        .filter(row -> !numbers.isMissing(row))
                        .mapToDouble(numbers::getDouble)
                        .sorted()
                        .toArray();
                double lower = Quantiles.of(values, 0.25);
                double upper = Quantiles.of(values, 0.75);
                double average = Arrays.stream(values).average().orElseThrow();
                min.append(values[0]);
                q1.append(lower);
                median.append(Quantiles.of(values, 0.5));
                q3.append(upper);
                max.append(values[values.length - 1]);
                mean.append(average);
                std.append(Math.sqrt(Arrays.stream(values)
                                .map(v -> (v - average) * (v - average))
                                .sum()
                        / values.length));
                double fence = 1.5 * (upper - lower);
                outliers.append((int) Arrays.stream(values)
                        .filter(v -> v < lower - fence || v > upper + fence)
                        .count());
                top.append("");
                histograms.put(column.name(), Histogram.of(values, HISTOGRAM_BINS));
            } else {
                for (DoubleColumn numeric : new DoubleColumn[] {min, q1, median, q3, max, mean, std}) {
                    numeric.appendMissing();
                }
                outliers.appendMissing();
                top.append(topValues(column));
            }
            flags.append(flags(column, present, unique));
        }
        Table columns = Table.create(
                table.name() + " profile",
                name,
                type,
                count,
                missing,
                distinct,
                min,
                q1,
                median,
                q3,
                max,
                mean,
                std,
                outliers,
                top,
                flags);
        return new Profile(columns, targetOrNull == null ? null : balance(table.column(targetOrNull)), histograms);
    }

    private static String flags(Column<?> column, int present, int unique) {
        if (present == 0) {
            return "empty";
        }
        if (unique == 1) {
            return "constant";
        }
        boolean idLike = unique == present && present > 20 && !(column instanceof DoubleColumn);
        return idLike ? "id-like" : "";
    }

    private static String topValues(Column<?> column) {
        Map<String, Long> counts = IntStream.range(0, column.size())
                .filter(row -> !column.isMissing(row))
                .mapToObj(column::getString)
                .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP)
                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    private static Table balance(Column<?> target) {
        Map<String, Long> counts = IntStream.range(0, target.size())
                .mapToObj(row -> target.isMissing(row) ? "(missing)" : target.getString(row))
                .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
        StringColumn value = StringColumn.create(target.name());
        IntColumn rows = IntColumn.create("rows");
        DoubleColumn share = DoubleColumn.create("share");
        counts.forEach((label, n) -> {
            value.append(label);
            rows.append(n.intValue());
            share.append(Math.round(1000.0 * n / target.size()) / 1000.0);
        });
        return Table.create(target.name() + " balance", value, rows, share);
    }
}
