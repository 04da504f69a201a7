package ai.lepton.sweep;

import ai.lepton.slurm.SlurmJobs;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;
import ai.lepton.train.TrainingDataFile;

import java.nio.file.Path;

/**
 * One task of a sweep's Slurm job array: {@code java ... ai.lepton.sweep.TrialJob SWEEP_RUN DATA_FILE} trains the
 * trial that {@code SLURM_ARRAY_TASK_ID} names, on the GPUs Slurm gave it, reporting into the shared store. On SIGTERM
 * the trial stops at its next batch and its run is recorded INTERRUPTED before the JVM ends.
 */
public final class TrialJob {

    private TrialJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || System.getenv("SLURM_ARRAY_TASK_ID") == null) {
            System.err.println("usage: TrialJob SWEEP_RUN_ID DATA_FILE, as a task of the Slurm job array a sweep"
                    + " with --executor slurm submits (SLURM_ARRAY_TASK_ID names the trial)");
            System.exit(2);
        }
        SlurmJobs.exitUnlessSharedStore("This task of a Slurm sweep");
        int trial = Integer.parseInt(System.getenv("SLURM_ARRAY_TASK_ID"));
        System.out.println("trial " + trial + " of sweep " + args[0] + " " + SlurmJobs.placement());
        SlurmJobs.runStoppable(() -> {
            try (RunStore store = RunStore.openDefault()) {
                RunStatus status = Sweeping.runTrial(store, args[0], TrainingDataFile.read(Path.of(args[1])), trial);
                System.out.println("trial " + trial + " of sweep " + args[0] + ": " + status);
                return status == RunStatus.FAILED ? 1 : 0;
            }
        });
    }
}
