package ai.lepton.data.prepare;

import ai.lepton.base.Suggestions;
import ai.lepton.data.DataException;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The free-text columns of a preparation: checks that the columns named as text are text, reports rows without any, and
 * notices a column that reads like free text but would be one-hot encoded as a category.
 */
final class FreeText {

    /** A category column looks like free text when its values average this many characters ... */
    private static final int TEXT_LENGTH = 30;
    /** ... and at least this share of them are distinct (categories repeat; sentences rarely do) ... */
    private static final double DISTINCT_SHARE = 0.5;
    /** ... among at least this many values. */
    private static final int MIN_VALUES = 20;

    private FreeText() {}

    /** Refuses text columns that are missing, are the target or dropped, or hold numbers or dates, naming the fix. */
    static void check(Table table, PrepareOptions spec) {
        List<String> names = table.columnNames();
        for (String name : spec.text()) {
            if (!names.contains(name)) {
                throw new DataException("The text columns (optText, --text) name an unknown column '" + name + "'."
                        + Suggestions.didYouMean("", name, names) + " Columns: " + String.join(", ", names) + ".");
            }
            if (name.equals(spec.target())) {
                throw new DataException("'" + name + "' is the target, so it cannot also be a text column (optText,"
                        + " --text). Name the column to read as text, and predict another.");
            }
            if (spec.drop().contains(name)) {
                throw new DataException(
                        "'" + name + "' is both dropped (--drop) and a text column (--text). Keep one.");
            }
            ColumnType type = table.column(name).type();
            if (type != ColumnType.STRING) {
                throw new DataException("Column '" + name + "' holds "
                        + type.name().toLowerCase().replace('_', ' ')
                        + " values, not text: the text columns (optText, --text) are free text such as descriptions"
                        + " or messages. Leave '" + name + "' out of --text and it is prepared as a "
                        + (DatePart.isTemporal(table.column(name)) ? "date." : "number."));
            }
        }
    }

    /**
     * What a person should know: text columns with rows that have no text (read as empty), and category columns that
     * look like free text (one-hot encoding them makes one feature per sentence).
     */
    static List<String> notes(Table table, PrepareOptions spec, List<String> features) {
        List<String> notes = new ArrayList<>();
        for (String name : spec.text()) {
            Column<?> column = table.column(name);
            int empty = 0;
            for (int row = 0; row < column.size(); row++) {
                if (column.isMissing(row) || column.getString(row).isBlank()) {
                    empty++;
                }
            }
            if (empty > 0) {
                notes.add(empty + " of " + column.size() + " rows have no text in '" + name
                        + "' (missing or blank); the model reads them as empty text.");
            }
        }
        for (String name : features) {
            Column<?> column = table.column(name);
            if (column.type() == ColumnType.STRING && looksLikeFreeText(column)) {
                notes.add("Column '" + name + "' looks like free text (long values, most of them distinct), and is"
                        + " encoded as that many categories. To have a pretrained language model read it, prepare with"
                        + " --text " + name + " (optText(List.of(\"" + name + "\"))).");
            }
        }
        return notes;
    }

    private static boolean looksLikeFreeText(Column<?> column) {
        Set<String> distinct = new HashSet<>();
        long characters = 0;
        int values = 0;
        for (int row = 0; row < column.size(); row++) {
            if (!column.isMissing(row)) {
                String value = column.getString(row);
                distinct.add(value);
                characters += value.length();
                values++;
            }
        }
        return values >= MIN_VALUES
                && characters >= (long) TEXT_LENGTH * values
                && distinct.size() >= DISTINCT_SHARE * values;
    }
}
