package ai.lepton.track;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Metric values in the store's columns: SQLite cannot store NaN, so a NULL stands for it, on both databases. */
final class StoredDoubles {

    private StoredDoubles() {}

    /** Binds {@code value}, NULL for NaN. */
    static void bind(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    /** The value of {@code column}, NaN for NULL. */
    static double read(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? Double.NaN : value;
    }
}
