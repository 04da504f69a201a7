package ai.lepton.sweep;

import ai.lepton.slurm.SlurmJobs;
import ai.lepton.track.RunStore;

/**
 * Runs a sweep's trials as a Slurm job array ({@link SlurmArray}): each task trains one trial in a JVM of its own
 * ({@link TrialJob}) and reports to the shared PostgreSQL store, which the sweep follows. An interrupt cancels the array;
 * its running trials stay resumable.
 */
final class SlurmExecutor implements TrialExecutor {

    private final int parallel;
    private final String sbatchOptions;

    /**
     * @param parallel      the most tasks of the array that run at once
     * @param sbatchOptions extra sbatch options for the array; empty for none
     */
    SlurmExecutor(int parallel, String sbatchOptions) {
        this.parallel = parallel;
        this.sbatchOptions = sbatchOptions;
    }

    /** Refuses a store that cluster nodes cannot share, before anything is recorded. */
    @Override
    public void checkStore(RunStore store) {
        SlurmJobs.requireSharedStore(store.url(), "A sweep's trials", "run the sweep with --executor local");
    }

    @Override
    public void execute(SweepTrials trials) throws InterruptedException {
        if (new SlurmArray(trials, parallel, sbatchOptions).run()) {
            throw new InterruptedException("the sweep's Slurm job array was cancelled");
        }
    }
}
