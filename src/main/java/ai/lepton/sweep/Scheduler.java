package ai.lepton.sweep;

/**
 * Decides, each time a trial reports its metric at the end of an epoch, whether the trial goes on.
 * Implementations are safe to call from trials running at once.
 */
public interface Scheduler {

    /**
     * @param trial the trial's number in the sweep, from 1
     * @param epoch the epoch just finished, from 1
     * @param value the sweep's metric at that epoch
     * @return false to stop (prune) the trial now
     */
    boolean keepGoing(int trial, int epoch, double value);

    /** The scheduler and its settings in a few words, as a sweep records it. */
    String describe();

    /** Every trial trains its full budget. */
    static Scheduler fifo() {
        return new Scheduler() {
            @Override
            public boolean keepGoing(int trial, int epoch, double value) {
                return true;
            }

            @Override
            public String describe() {
                return "none (every trial its full budget)";
            }
        };
    }
}
