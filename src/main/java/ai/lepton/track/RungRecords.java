package ai.lepton.track;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the trials of sweeps reached at each rung, kept in the store so that trials running anywhere (threads, processes,
 * cluster nodes) decide from the same values, in the order they arrived: what the sweeps' schedulers read.
 */
final class RungRecords {

    private final StoreConnection store;

    RungRecords(StoreConnection store) {
        this.store = store;
    }

    /**
     * Records that {@code trial} of the sweep run {@code sweepId} reached {@code value} (NaN kept) at {@code rung}, and
     * returns the values recorded there up to and including it, in arrival order. One transaction under a lock on the
     * rung, so trials deciding at once each see exactly the values that came before theirs; recording a trial again (a
     * rerun) returns what it saw the first time.
     */
    List<Double> record(String sweepId, int rung, int trial, double value) {
        String what = "record trial " + trial + " at rung " + rung + " of sweep " + sweepId;
        return store.writeAndRead(what, transaction -> {
            store.dialect().lockRung(transaction, sweepId + ":" + rung);
            arrive(transaction, sweepId, rung, trial, value);
            return upTo(transaction, sweepId, rung, trial);
        });
    }

    /** Appends the trial's value after those that arrived before, unless the trial has a value there already. */
    private static void arrive(Connection transaction, String sweepId, int rung, int trial, double value)
            throws SQLException {
        try (PreparedStatement insert =
                transaction.prepareStatement("INSERT INTO rung_results (sweep_id, rung, trial, value, arrival)"
                        + " SELECT ?, ?, ?, ?, COALESCE(MAX(arrival), 0) + 1 FROM rung_results"
                        + " WHERE sweep_id = ? AND rung = ? ON CONFLICT DO NOTHING")) {
            insert.setString(1, sweepId);
            insert.setInt(2, rung);
            insert.setInt(3, trial);
            StoredDoubles.bind(insert, 4, value);
            insert.setString(5, sweepId);
            insert.setInt(6, rung);
            insert.executeUpdate();
        }
    }

    /** The values at the rung up to and including the trial's, in arrival order. */
    private static List<Double> upTo(Connection transaction, String sweepId, int rung, int trial) throws SQLException {
        List<Double> values = new ArrayList<>();
        try (PreparedStatement select = transaction.prepareStatement(
                "SELECT value FROM rung_results WHERE sweep_id = ? AND rung = ? AND arrival <= (SELECT arrival"
                        + " FROM rung_results WHERE sweep_id = ? AND rung = ? AND trial = ?) ORDER BY arrival")) {
            select.setString(1, sweepId);
            select.setInt(2, rung);
            select.setString(3, sweepId);
            select.setInt(4, rung);
            select.setInt(5, trial);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(StoredDoubles.read(rows, "value"));
                }
            }
        }
        return values;
    }
}
