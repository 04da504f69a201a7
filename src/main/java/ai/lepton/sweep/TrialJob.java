package ai.lepton.sweep;

import ai.lepton.base.Settings;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;
import ai.lepton.train.TrainingDataFile;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One task of a sweep's Slurm job array: {@code java ... ai.lepton.sweep.TrialJob SWEEP_RUN DATA_FILE} trains the
 * trial that {@code SLURM_ARRAY_TASK_ID} names, on the GPUs Slurm gave it ({@code device: auto} reads
 * CUDA_VISIBLE_DEVICES), reporting into the shared store. On SIGTERM (scancel, a time limit) the trial stops at its
 * next batch and its run is recorded INTERRUPTED before the JVM ends.
 */
public final class TrialJob {

    private TrialJob() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || System.getenv("SLURM_ARRAY_TASK_ID") == null) {
            System.err.println("usage: TrialJob SWEEP_RUN_ID DATA_FILE, as a task of the Slurm job array a sweep"
                    + " with --executor slurm submits (SLURM_ARRAY_TASK_ID names the trial)");
            System.exit(2);
        }
        if (!Settings.STORE.get().startsWith("jdbc:postgresql:")) {
            System.err.println("This task of a Slurm sweep has no shared store: " + Settings.STORE.variable()
                    + " did not reach its environment (an sbatch --export that leaves it out?), so its trial would be"
                    + " recorded where the sweep never looks. Submit it with the environment the sweep gives it.");
            System.exit(2);
        }
        int trial = Integer.parseInt(System.getenv("SLURM_ARRAY_TASK_ID"));
        String gpus = System.getenv("CUDA_VISIBLE_DEVICES");
        System.out.println("trial " + trial + " of sweep " + args[0] + " on " + System.getenv("SLURMD_NODENAME")
                + (gpus == null ? ", no GPU given (CUDA_VISIBLE_DEVICES unset)" : ", CUDA_VISIBLE_DEVICES=" + gpus));
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
        try (RunStore store = RunStore.openDefault()) {
            status = Sweep.runTrial(store, args[0], TrainingDataFile.read(Path.of(args[1])), trial);
        }
        ended.set(true);
        System.out.println("trial " + trial + " of sweep " + args[0] + ": " + status);
        if (!stopping.get()) { // during shutdown, exit would wait for the hook that waits for this thread
            System.exit(status == RunStatus.FAILED ? 1 : 0);
        }
    }
}
