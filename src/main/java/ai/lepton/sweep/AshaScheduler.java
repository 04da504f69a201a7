package ai.lepton.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous successive halving (ASHA). Rungs stand at {@code grace}, {@code grace·eta},
 * {@code grace·eta²}, … epochs, below the full budget. A trial reaching a rung goes on only if its
 * metric there is among the best {@code 1/eta} of all values recorded at that rung so far (the first
 * one always is), so no trial waits for others and most of the budget goes to the promising ones.
 */
public final class AshaScheduler implements Scheduler {

    private final int grace;
    private final int eta;
    private final Mode mode;
    private final Map<Integer, List<Double>> rungs = new HashMap<>();

    /**
     * @param grace     epochs every trial gets before it can be stopped (the first rung)
     * @param eta       the reduction factor: one in {@code eta} trials goes on at each rung
     * @param maxEpochs the full budget; rungs stand below it
     */
    public AshaScheduler(int grace, int eta, int maxEpochs, Mode mode) {
        if (grace < 1) {
            throw new SweepException("grace must be 1 epoch or more, not " + grace + ".");
        }
        if (eta < 2) {
            throw new SweepException("eta must be 2 or more (3 is usual), not " + eta + ".");
        }
        this.grace = grace;
        this.eta = eta;
        this.mode = mode;
        for (long rung = grace; rung < maxEpochs; rung *= eta) {
            rungs.put((int) rung, new ArrayList<>());
        }
    }

    /** The epochs at which trials are compared, lowest first. */
    public List<Integer> rungs() {
        return rungs.keySet().stream().sorted().toList();
    }

    @Override
    public synchronized boolean keepGoing(int trial, int epoch, double value) {
        List<Double> recorded = rungs.get(epoch);
        if (recorded == null) {
            return true;
        }
        recorded.add(value);
        List<Double> ranked = new ArrayList<>(recorded);
        ranked.sort(mode.bestFirst());
        int kept = Math.max(1, recorded.size() / eta);
        double cutoff = ranked.get(kept - 1);
        return !mode.better(cutoff, value);
    }

    @Override
    public String describe() {
        return "asha (eta " + eta + ", grace " + grace + ", rungs at " + rungs() + ")";
    }
}
