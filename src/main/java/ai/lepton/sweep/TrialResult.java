package ai.lepton.sweep;

import ai.lepton.track.RunStatus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one trial of a sweep ended.
 *
 * @param number  the trial's number in the sweep, from 1
 * @param runId   its run (a child of the sweep's run); null when it never started
 * @param params  the hyperparameters drawn for it
 * @param curve   the sweep's metric after each epoch it trained
 * @param best    the best value on its curve (NaN when it trained no epoch)
 * @param failure why it failed, for a FAILED trial
 */
public record TrialResult(
        int number,
        String runId,
        Map<String, Object> params,
        RunStatus status,
        List<Double> curve,
        double best,
        double seconds,
        String failure) {

    public TrialResult {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        curve = List.copyOf(curve);
    }

    public int epochs() {
        return curve.size();
    }

    /** The metric after its last epoch (NaN when it trained none). */
    public double last() {
        return curve.isEmpty() ? Double.NaN : curve.getLast();
    }
}
