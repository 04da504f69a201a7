package ai.lepton.data.load;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Repairs what type detection over a whole file leaves behind, and says so: a numeric column with a
 * few stray words becomes numeric with those cells missing; infinities become missing; columns
 * with no values are pointed out.
 */
final class ColumnRepair {

    /** A text column is numeric when at least this share of its values are numbers. */
    static final double NUMERIC_SHARE = 0.99;

    private static final int MIN_VALUES = 10;
    private static final int SHOWN = 3;

    private final IntUnaryOperator lineOfRow;
    private final Set<String> typedByUser;
    private final List<String> notes = new ArrayList<>();

    /**
     * {@code lineOfRow}: the file's line where a row's record starts (for the notes); {@code typedByUser}: columns
     * whose type the user gave; they are left as they are.
     */
    ColumnRepair(IntUnaryOperator lineOfRow, Set<String> typedByUser) {
        this.lineOfRow = lineOfRow;
        this.typedByUser = typedByUser;
    }

    List<String> repair(Table table) {
        for (int index = 0; index < table.columnCount(); index++) {
            Column<?> column = table.column(index);
            if (column.type() == ColumnType.STRING && !typedByUser.contains(column.name())) {
                DoubleColumn numeric = mostlyNumeric((StringColumn) column);
                if (numeric != null) {
                    table.replaceColumn(index, numeric);
                    column = numeric;
                }
            }
            if (column instanceof NumericColumn<?> numbers) {
                clearInfinities(numbers);
            }
            if (column.countMissing() == column.size()) {
                notes.add("column '" + column.name() + "' has no values in any row: drop it (optDrop(List.of(\""
                        + column.name() + "\")), or --drop " + column.name() + ").");
            }
        }
        return notes;
    }

    private DoubleColumn mostlyNumeric(StringColumn column) {
        List<Integer> strays = new ArrayList<>();
        double[] values = new double[column.size()];
        // more strays than this and the column is text: stop looking early
        double allowed = Math.max(MIN_VALUES, (1 - NUMERIC_SHARE) * column.size());
        int present = 0;
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                values[row] = Double.NaN;
                continue;
            }
            present++;
            String text = column.get(row).strip();
            values[row] = looksNumeric(text) ? parse(text) : Double.NaN;
            if (Double.isNaN(values[row])) {
                strays.add(row);
                if (strays.size() > allowed) {
                    return null;
                }
            }
        }
        if (present < MIN_VALUES || strays.isEmpty() || present - strays.size() < NUMERIC_SHARE * present) {
            return null;
        }
        List<String> shown = strays.stream()
                .limit(SHOWN)
                .map(row -> "line " + lineOfRow.applyAsInt(row) + " '" + column.get(row) + "'")
                .toList();
        notes.add("column '" + column.name() + "' is numeric, but " + strays.size()
                + " value(s) are not numbers and are now missing: "
                + String.join(", ", shown) + (strays.size() > SHOWN ? ", ..." : "")
                + ". Fix them in the file if they should be numbers.");
        return DoubleColumn.create(column.name(), values);
    }

    /** A cheap first look, so text columns are not probed with an exception per cell. */
    private static boolean looksNumeric(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return Character.isDigit(first) || first == '-' || first == '+' || first == '.' || first == 'I';
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private void clearInfinities(NumericColumn<?> column) {
        if (!(column instanceof DoubleColumn doubles)) {
            return;
        }
        List<String> shown = new ArrayList<>();
        int count = 0;
        for (int row = 0; row < doubles.size(); row++) {
            if (Double.isInfinite(doubles.getDouble(row))) {
                if (shown.size() < SHOWN) {
                    shown.add("line " + lineOfRow.applyAsInt(row));
                }
                doubles.setMissing(row);
                count++;
            }
        }
        if (count > 0) {
            notes.add("column '" + column.name() + "' had " + count + " infinite value(s), now missing: "
                    + String.join(", ", shown) + (count > SHOWN ? ", ..." : "") + ".");
        }
    }
}
