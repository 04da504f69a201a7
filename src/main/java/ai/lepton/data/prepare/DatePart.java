package ai.lepton.data.prepare;

import ai.lepton.data.DataException;
import ai.lepton.runtime.input.TimePart;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.columns.Column;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/**
 * A number taken from a date or date-time column: models cannot read dates, but they can read the
 * year, the month, the weekday. Taking a part needs no fitting, so it re-applies identically at predict time.
 */
public enum DatePart {
    YEAR,
    MONTH,
    DAY,
    /** 1 (Monday) to 7 (Sunday), as ISO counts. */
    WEEKDAY,
    DAY_OF_YEAR,
    HOUR;

    private static final List<DatePart> OF_DATES = List.of(YEAR, MONTH, DAY, WEEKDAY, DAY_OF_YEAR);
    private static final List<DatePart> OF_DATE_TIMES = List.of(YEAR, MONTH, DAY, WEEKDAY, DAY_OF_YEAR, HOUR);

    /** Whether {@code column} holds dates or date-times, whose parts become features. */
    static boolean isTemporal(Column<?> column) {
        return column instanceof DateColumn || column instanceof DateTimeColumn;
    }

    /** The parts a column gives: a time of day only when it has one. */
    static List<DatePart> of(Column<?> column) {
        return column instanceof DateTimeColumn ? OF_DATE_TIMES : OF_DATES;
    }

    /** The feature's name: {@code signup.month}. */
    String featureName(String column) {
        return column + "." + name().toLowerCase(Locale.ROOT);
    }

    /** This part of every row of a temporal column, named as the feature; missing dates give missing numbers. */
    DoubleColumn extract(Column<?> column) {
        if (!isTemporal(column)) {
            throw new DataException("Column '" + column.name() + "' should hold dates but holds "
                    + column.type().name().toLowerCase(Locale.ROOT)
                    + " values (for example '" + column.getString(0)
                    + "'). Give it dates, as when the preparation was fitted,"
                    + " or read it with the column type " + column.name() + "=date.");
        }
        double[] values = new double[column.size()];
        for (int row = 0; row < values.length; row++) {
            if (column.isMissing(row)) {
                values[row] = Double.NaN;
                continue;
            }
            LocalDateTime time = column instanceof DateColumn dates
                    ? dates.get(row).atStartOfDay()
                    : ((DateTimeColumn) column).get(row);
            values[row] = TimePart.valueOf(name()).of(time); // the runtime takes parts the same way
        }
        return DoubleColumn.create(featureName(column.name()), values);
    }
}
