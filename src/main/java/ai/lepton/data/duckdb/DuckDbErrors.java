package ai.lepton.data.duckdb;

import java.sql.SQLException;

/** DuckDB's error messages, which already name the line and put a caret under the place, without the driver's noise. */
final class DuckDbErrors {

    private DuckDbErrors() {}

    /** {@code e} as Lepton's error; {@code hint} (may be empty) is added after DuckDB's own words. */
    static DuckDbException of(SQLException e, String hint) {
        String message = String.valueOf(e.getMessage()).strip();
        for (String prefix : new String[] {"java.sql.SQLException: ", "Invalid Input Error: "}) {
            if (message.startsWith(prefix)) {
                message = message.substring(prefix.length());
            }
        }
        return new DuckDbException(message + (hint.isEmpty() ? "" : "\n" + hint), e);
    }
}
