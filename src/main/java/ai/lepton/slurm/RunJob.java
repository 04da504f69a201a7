package ai.lepton.slurm;

import ai.lepton.track.RunStore;
import ai.lepton.train.TrainingDataFile;
import ai.lepton.train.TrainingResult;
import ai.lepton.train.loop.Training;

import java.nio.file.Path;

/**
 * The batch job of a run submitted to Slurm: {@code java ... ai.lepton.slurm.RunJob RUN DATA_FILE} trains the recorded
 * run on the GPUs Slurm gave it, reporting into the shared store. On SIGTERM (scancel, the time limit) the run stops at
 * its next batch and is recorded INTERRUPTED before the JVM ends.
 */
public final class RunJob {

    private RunJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: RunJob RUN_ID DATA_FILE, as the batch job of %%lepton train --submit slurm");
            System.exit(2);
        }
        SlurmJobs.exitUnlessSharedStore("This job of a submitted run");
        System.out.println("run " + args[0] + " " + SlurmJobs.placement());
        SlurmJobs.runStoppable(() -> {
            try (RunStore store = RunStore.openDefault();
                    TrainingResult result =
                            Training.trainRecorded(store, args[0], TrainingDataFile.read(Path.of(args[1])))) {
                System.out.println("run " + args[0] + ": " + result.status());
                return 0;
            }
        });
    }
}
