package ai.lepton.sweep;

import ai.lepton.track.Mode;

/**
 * Decides, each time a trial reports its metric at the end of an epoch, whether the trial goes on. Implementations are
 * safe to call from trials running at once.
 *
 * <p>A scheduler of one's own is passed with {@link SweepOptions.Builder#optScheduler(Scheduler)}, or, when it needs to
 * know the sweep, made from the sweep's {@link Context} with {@link SweepOptions.Builder#optScheduler(Factory)}, as
 * Optuna takes a {@code pruner=} object. Either way it hears every epoch of every trial that trains in this JVM (trials
 * side by side call it at once), and a resumed sweep first replays to it the epochs its trials recorded before the
 * restart. What it must share with trials running elsewhere it keeps in the context's {@link RungResults}, in the run
 * store, as ASHA and the median rule do; an object cannot travel to a Slurm array's tasks, so a sweep with one runs
 * its trials here.
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

    /**
     * What a sweep tells the scheduler it makes for its trials.
     *
     * @param maxEpochs the most epochs any trial trains: the budget rungs stand below
     * @param mode      whether the sweep's metric is better higher or lower
     * @param rungs     where trials record the values they reach, in the run store under the sweep's run: trials
     *                  wherever they run, and the sweep after a restart, read the same
     */
    record Context(int maxEpochs, Mode mode, RungResults rungs) {}

    /** Makes a sweep's scheduler once the sweep knows its {@link Context}. */
    @FunctionalInterface
    interface Factory {
        Scheduler create(Context sweep);
    }

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
