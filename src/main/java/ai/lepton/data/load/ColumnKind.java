package ai.lepton.data.load;

import ai.lepton.base.Suggestions;
import ai.lepton.data.DataException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Locale;

/**
 * The type a schema override gives a column, whatever type detection would have guessed:
 * {@code zip=text} keeps leading zeros, {@code day=date} reads ISO dates (2024-05-31).
 */
public enum ColumnKind {
    TEXT,
    NUMBER,
    INTEGER,
    DATE,
    DATETIME,
    BOOLEAN;

    /** The kind named {@code name} (any case), or an error listing the kinds there are. */
    public static ColumnKind named(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DataException("Unknown column type '" + name + "'."
                    + Suggestions.didYouMean(
                            "", name.strip().toLowerCase(Locale.ROOT), Arrays.asList(names().split(", ")))
                    + " Use one of: " + names() + ".");
        }
    }

    public static String names() {
        return String.join(
                ", ", Arrays.stream(values()).map(ColumnKind::toString).toList());
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** An empty column of this kind. */
    Column<?> emptyColumn(String name) {
        return switch (this) {
            case TEXT -> StringColumn.create(name);
            case NUMBER -> DoubleColumn.create(name);
            case INTEGER -> LongColumn.create(name);
            case DATE -> DateColumn.create(name);
            case DATETIME -> DateTimeColumn.create(name);
            case BOOLEAN -> BooleanColumn.create(name);
        };
    }

    /** Parses one cell's text; throws {@link IllegalArgumentException} or a {@link java.time.DateTimeException} when it does not fit. */
    Object parse(String text) {
        String value = text.strip();
        return switch (this) {
            case TEXT -> text;
            case NUMBER -> Double.parseDouble(value);
            case INTEGER -> Long.parseLong(value.endsWith(".0") ? value.substring(0, value.length() - 2) : value);
            case DATE -> LocalDate.parse(value);
            case DATETIME -> LocalDateTime.parse(value.replace(' ', 'T'));
            case BOOLEAN ->
                switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1" -> true;
                    case "false", "no", "0" -> false;
                    default -> throw new IllegalArgumentException("not true/false");
                };
        };
    }

    /** What a value of this kind looks like, for error messages. */
    String example() {
        return switch (this) {
            case TEXT -> "any text";
            case NUMBER -> "a number such as 3.5";
            case INTEGER -> "a whole number such as 42";
            case DATE -> "an ISO date such as 2024-05-31";
            case DATETIME -> "an ISO date-time such as 2024-05-31T14:30:00";
            case BOOLEAN -> "true/false, yes/no or 1/0";
        };
    }
}
