package ai.lepton.track;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Redacts the secrets that runs recorded before Lepton kept them out ({@link Secrets}): in their environments, their
 * parameters and their tags. Rows are read in pages, so a store of any size costs a page's memory; an update that
 * row-level security hides (a colleague's run, on a shared store) changes nothing and is counted as left to others.
 *
 * @param scrubbed     runs that held secrets and hold none now
 * @param leftToOthers runs that still hold some because this store's user may not change them: the store's
 *                     administrator runs the scrub for everyone
 */
public record SecretScrub(int scrubbed, int leftToOthers) {

    /** Rows read from the database at once. */
    private static final int PAGE = 500;

    static SecretScrub apply(Connection transaction) throws SQLException {
        Map<String, Boolean> changedByRun = new HashMap<>(); // run id → whether every update of it took effect
        scrub(
                transaction,
                "runs",
                "id",
                "environment",
                null,
                (key, environment) -> RunEnvironment.withSecretsRedacted(environment),
                changedByRun);
        for (String table : new String[] {"params", "tags"}) {
            scrub(transaction, table, "run_id", "value", "key", Secrets::redact, changedByRun);
        }
        int scrubbed = (int) changedByRun.values().stream().filter(done -> done).count();
        return new SecretScrub(scrubbed, changedByRun.size() - scrubbed);
    }

    /**
     * Rewrites column {@code column} of {@code table} where {@code redact} changes it; {@code redact} is given the row's
     * {@code keyColumn} (null when the table has none) and the value.
     */
    private static void scrub(
            Connection transaction,
            String table,
            String runColumn,
            String column,
            String keyColumn,
            BinaryOperator<String> redact,
            Map<String, Boolean> changedByRun)
            throws SQLException {
        String key = keyColumn == null ? "" : ", " + keyColumn;
        String where = runColumn + " = ?" + (keyColumn == null ? "" : " AND " + keyColumn + " = ?");
        try (PreparedStatement query = transaction.prepareStatement("SELECT " + runColumn + ", " + column + key
                        + " FROM " + table + " WHERE " + column + " IS NOT NULL");
                PreparedStatement update =
                        transaction.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE " + where)) {
            query.setFetchSize(PAGE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String recorded = rows.getString(2);
                    String safe = redact.apply(keyColumn == null ? null : rows.getString(3), recorded);
                    if (!safe.equals(recorded)) {
                        update.setString(1, safe);
                        update.setString(2, rows.getString(1));
                        if (keyColumn != null) {
                            update.setString(3, rows.getString(3));
                        }
                        boolean done = update.executeUpdate() > 0;
                        changedByRun.merge(rows.getString(1), done, Boolean::logicalAnd);
                    }
                }
            }
        }
    }
}
