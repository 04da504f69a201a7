package ai.lepton.slurm;

import ai.lepton.base.Settings;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;
import ai.lepton.train.Training;
import ai.lepton.train.TrainingDataFile;
import ai.lepton.train.TrainingResult;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

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
        if (!Settings.STORE.get().startsWith("jdbc:postgresql:")) {
            System.err.println("This job has no shared store: " + Settings.STORE.variable() + " did not reach its"
                    + " environment (an sbatch --export that leaves it out?). Submit it with the environment the"
                    + " notebook gives it.");
            System.exit(2);
        }
        String gpus = System.getenv("CUDA_VISIBLE_DEVICES");
        System.out.println("run " + args[0] + " on " + System.getenv("SLURMD_NODENAME")
                + (gpus == null ? ", no GPU given" : ", CUDA_VISIBLE_DEVICES=" + gpus));
        Thread worker = Thread.currentThread();
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (ended.get()) {
                return;
            }
            stopping.set(true);
            worker.interrupt();
            try {
                worker.join(20_000);
            } catch (InterruptedException ignored) {
                // the JVM ends anyway
            }
        }));
        RunStatus status;
        try (RunStore store = RunStore.openDefault();
                TrainingResult result =
                        Training.trainRecorded(store, args[0], TrainingDataFile.read(Path.of(args[1])))) {
            status = result.status();
        }
        ended.set(true);
        System.out.println("run " + args[0] + ": " + status);
        if (!stopping.get()) { // during shutdown, exit would wait for the hook that waits for this thread
            System.exit(0);
        }
    }
}
