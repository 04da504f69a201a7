package ai.lepton.sweep;

import ai.lepton.track.Mode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep as it runs: each trial's state, for a live view.
 *
 * @param trials one entry per trial, by number; those not started yet are WAITING
 */
public record SweepProgress(
        String sweepName, String runId, String metric, Mode mode, String status, List<Trial> trials) {

    /**
     * One trial's state.
     *
     * @param status WAITING, RUNNING, or how its run ended
     * @param epoch  the epoch it trains or last finished
     * @param curve  the sweep's metric after each finished epoch
     */
    public record Trial(
            int number, Map<String, Object> params, String status, int epoch, int epochs, List<Double> curve) {}

    /** Trials that ended (finished, pruned, failed or interrupted). */
    public long ended() {
        return trials.stream()
                .filter(trial ->
                        !trial.status().equals("WAITING") && !trial.status().equals("RUNNING"))
                .count();
    }

    /** The best value any trial reached so far (NaN before the first epoch ends). */
    public double best() {
        return mode.best(
                trials.stream().flatMap(trial -> trial.curve().stream()).toList());
    }

    /** One line: how far the sweep is. */
    public String summary() {
        long running = trials.stream()
                .filter(trial -> trial.status().equals("RUNNING"))
                .count();
        long pruned =
                trials.stream().filter(trial -> trial.status().equals("PRUNED")).count();
        return String.format(
                Locale.ROOT,
                "sweep %s: %d/%d trials ended (%d running, %d pruned), best %s %.4f",
                sweepName,
                ended(),
                trials.size(),
                running,
                pruned,
                metric,
                best());
    }
}
