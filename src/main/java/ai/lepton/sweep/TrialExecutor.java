package ai.lepton.sweep;

import ai.lepton.track.RunStore;

/**
 * Runs a sweep's trials. {@link LocalExecutor} runs them side by side in this JVM; {@code SlurmExecutor} as a Slurm job
 * array whose tasks report to a shared PostgreSQL store. The sweep records and ranks the trials the same way whichever
 * runs them, and the schedulers do not change: they decide from what the store holds.
 */
public interface TrialExecutor {

    /** Refuses, before a sweep records anything, a store that this executor's trials cannot report to. */
    default void checkStore(RunStore store) {}

    /**
     * Runs every pending trial of {@code trials} and returns when each has ended. A trial's failure is the trial's to
     * record; it does not stop the others. An interrupt of the calling thread stops the running trials (they stay
     * resumable) and is passed on as an {@link InterruptedException}.
     */
    void execute(SweepTrials trials) throws InterruptedException;
}
