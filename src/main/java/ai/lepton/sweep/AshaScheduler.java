package ai.lepton.sweep;

import ai.lepton.track.Mode;

import java.util.ArrayList;
import java.util.List;

/**
 * Asynchronous successive halving (ASHA). Rungs stand at {@code grace}, {@code grace·eta},
 * {@code grace·eta²}, … epochs, below the full budget. A trial reaching a rung goes on only if its
 * metric there is among the best {@code 1/eta} of all values recorded at that rung so far (the first
 * one always is), so no trial waits for others and most of the budget goes to the promising ones. The values
 * live in {@link RungResults}: in the run store, trials of one sweep decide alike wherever they run.
 */
public final class AshaScheduler implements Scheduler {

    private final int grace;
    private final int eta;
    private final Mode mode;
    private final List<Integer> rungs = new ArrayList<>();
    private final RungResults results;

    /**
     * @param grace     epochs every trial gets before it can be stopped (the first rung)
     * @param eta       the reduction factor: one in {@code eta} trials goes on at each rung
     * @param maxEpochs the full budget; rungs stand below it
     */
    public AshaScheduler(int grace, int eta, int maxEpochs, Mode mode) {
        this(grace, eta, maxEpochs, mode, RungResults.inMemory());
    }

    /** The same, recording and reading the rungs' values in {@code results}. */
    public AshaScheduler(int grace, int eta, int maxEpochs, Mode mode, RungResults results) {
        if (grace < 1) {
            throw new SweepException("grace must be 1 epoch or more, not " + grace + ".");
        }
        if (eta < 2) {
            throw new SweepException("eta must be 2 or more (3 is usual), not " + eta + ".");
        }
        this.grace = grace;
        this.eta = eta;
        this.mode = mode;
        this.results = results;
        for (long rung = grace; rung < maxEpochs; rung *= eta) {
            rungs.add((int) rung);
        }
    }

    /** The epochs at which trials are compared, lowest first. */
    public List<Integer> rungs() {
        return List.copyOf(rungs);
    }

    @Override
    public boolean keepGoing(int trial, int epoch, double value) {
        if (!rungs.contains(epoch)) {
            return true;
        }
        List<Double> recorded = results.record(epoch, trial, value);
        double own = recorded.getLast(); // a trial asked again is judged on the value it first recorded
        List<Double> ranked = new ArrayList<>(recorded);
        ranked.sort(mode.bestFirst());
        int kept = Math.max(1, recorded.size() / eta);
        double cutoff = ranked.get(kept - 1);
        return !mode.better(cutoff, own);
    }

    @Override
    public String describe() {
        return "asha (eta " + eta + ", grace " + grace + ", rungs at " + rungs() + ")";
    }
}
