package ai.lepton.track;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Numbers the trials that stores recorded before runs had a trial column, when only their names ({@code
 * SWEEP-trial-N}) said which trial they were. A run counts only when its owner is its sweep's owner: a colleague's run
 * named like a trial was never one, and stays unnumbered (so no sweep takes it for a trial).
 */
final class TrialNumbers {

    /** A trial number as names carried it: decimal, from 1, small enough for an int. */
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}");

    private TrialNumbers() {}

    static void backfill(Connection transaction) throws SQLException {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        try (PreparedStatement children = transaction.prepareStatement(
                        "SELECT child.id, child.name, sweep.name FROM runs child JOIN runs sweep ON child.parent_id ="
                                + " sweep.id WHERE COALESCE(child.owner, '') = COALESCE(sweep.owner, '')");
                ResultSet rows = children.executeQuery()) {
            while (rows.next()) {
                String prefix = rows.getString(3) + TrialOf.NAME_INFIX;
                String name = rows.getString(2);
                if (name.startsWith(prefix)
                        && NUMBER.matcher(name.substring(prefix.length())).matches()) {
                    numbers.put(rows.getString(1), Integer.valueOf(name.substring(prefix.length())));
                }
            }
        }
        try (PreparedStatement number = transaction.prepareStatement("UPDATE runs SET trial = ? WHERE id = ?")) {
            for (Map.Entry<String, Integer> trial : numbers.entrySet()) {
                number.setInt(1, trial.getValue());
                number.setString(2, trial.getKey());
                number.addBatch();
            }
            number.executeBatch();
        }
    }
}
