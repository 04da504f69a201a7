package ai.lepton.data.duckdb;

import ai.lepton.base.Suggestions;

import java.sql.SQLException;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** DuckDB's error messages, which already name the line and put a caret under the place, without the driver's noise. */
final class DuckDbErrors {

    private static final Pattern UNKNOWN_TABLE = Pattern.compile("Table with name (\\S+) does not exist");

    private DuckDbErrors() {}

    /** {@code e} as Lepton's error; {@code hint} (may be empty) is added after DuckDB's own words. */
    static DuckDbException of(SQLException e, String hint) {
        return new DuckDbException(words(e) + (hint.isEmpty() ? "" : "\n" + hint), e);
    }

    /**
     * {@code e} from a query over {@code datasets}: a table it does not know gets Lepton's suggestion among the
     * datasets (DuckDB's own would name one of its system tables, as only the datasets a query names are its tables)
     * and the list of them.
     */
    static DuckDbException of(SQLException e, Collection<String> datasets) {
        String message = words(e);
        Matcher unknown = UNKNOWN_TABLE.matcher(message);
        if (!unknown.find()) {
            return of(e, "");
        }
        String suggestion =
                Suggestions.didYouMean("", unknown.group(1), datasets).strip();
        message = message.replaceFirst("\n(Did you mean [^\n]*)", suggestion.isEmpty() ? "" : "\n" + suggestion);
        return new DuckDbException(
                message + "\nThe session's datasets are tables by their names"
                        + (datasets.isEmpty()
                                ? " (none loaded yet)"
                                : ": "
                                        + String.join(
                                                ", ", datasets.stream().sorted().toList()))
                        + " (quote a name with other characters than letters, digits and _: \"my-data\"); read"
                        + " files with read_parquet('PATH') or read_csv('PATH').",
                e);
    }

    private static String words(SQLException e) {
        String message = String.valueOf(e.getMessage()).strip();
        for (String prefix : new String[] {"java.sql.SQLException: ", "Invalid Input Error: "}) {
            if (message.startsWith(prefix)) {
                message = message.substring(prefix.length());
            }
        }
        return message;
    }
}
