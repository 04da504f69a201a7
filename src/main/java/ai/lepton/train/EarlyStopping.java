package ai.lepton.train;

/**
 * Follows the monitored metric: which epoch is best so far, and whether the run has gone
 * {@code patience} epochs without improving by more than {@code minDelta}.
 */
final class EarlyStopping {

    private final boolean increases;
    private final int patience;
    private final double minDelta;
    private double best;
    private int bestEpoch;
    private int sinceBest;

    EarlyStopping(TrainSpec spec) {
        this.increases = spec.monitorIncreases();
        this.patience = spec.patience();
        this.minDelta = spec.minDelta();
        this.best = increases ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Continues from a checkpoint's memory. */
    void restore(Checkpoints.State state) {
        best = state.bestValue();
        bestEpoch = state.bestEpoch();
        sinceBest = state.epochsWithoutImprovement();
    }

    /** Records an epoch's value; true when it is the best so far. */
    boolean record(int epoch, double value) {
        boolean improved = increases ? value > best + minDelta : value < best - minDelta;
        if (improved || bestEpoch == 0) {
            best = value;
            bestEpoch = epoch;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    boolean shouldStop() {
        return patience > 0 && sinceBest >= patience;
    }

    double best() {
        return best;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    int sinceBest() {
        return sinceBest;
    }
}
