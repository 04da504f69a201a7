package ai.lepton.sweep;

import ai.lepton.base.Settings;
import ai.lepton.slurm.SlurmCommands;
import ai.lepton.slurm.SlurmJobs;
import ai.lepton.track.Run;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;
import ai.lepton.track.Tag;
import ai.lepton.track.TrialOf;
import ai.lepton.train.TrainingData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One submission of a sweep's pending trials as a Slurm job array: the training data and a task script go to the
 * sweep's folder under {@code LEPTON_HOME} (a file system the nodes share), {@code sbatch --array} submits one task per
 * trial, and the sweep's view follows the trials from the shared store until every task has ended. An interrupt
 * cancels the array.
 */
final class SlurmArray {

    /** How often the store and the queue are read while the array runs. */
    private static final long POLL_MILLIS = 1000;

    private final RunStore store;
    private final Run sweepRun;
    private final int parallel;
    private final String sbatchOptions;
    private final TrialBoard board;
    private final SweepTrials.Recorded trials;
    private final TrainingData data;
    private final List<Integer> pending;
    private final Map<Integer, Integer> shownEpochs = new HashMap<>();
    private final Set<Integer> shownStarted = new HashSet<>();

    /** The array of {@code sweep}'s pending trials, at most {@code parallel} at once, with extra sbatch options. */
    SlurmArray(SweepTrials sweep, int parallel, String sbatchOptions) {
        this.store = sweep.store();
        this.sweepRun = sweep.sweepRun();
        this.parallel = parallel;
        this.sbatchOptions = sbatchOptions;
        this.board = sweep.board();
        this.trials = sweep.recorded();
        this.data = sweep.data();
        this.pending = sweep.pending();
    }

    /** Submits the pending trials and follows them to their end; true when an interrupt cancelled them. */
    boolean run() {
        if (pending.isEmpty()) {
            return false;
        }
        Path folder = Settings.HOME.get().resolve("sweeps").resolve(sweepRun.id());
        Path script = SlurmJobs.writeJobFiles(
                folder, "trial.sh", "one trial of Lepton sweep " + sweepRun.id(), TrialJob.class, sweepRun.id(), data);
        String job = SlurmCommands.submitArray(
                script.toString(),
                pending,
                parallel,
                "lepton-" + sweepRun.name(),
                folder.resolve("trial-%a.log").toString(),
                sbatchOptions,
                SlurmJobs.environment());
        sweepRun.tag(Tag.SLURM_JOB, job);
        System.out.println(
                "Sweep " + sweepRun.name() + ": " + pending.size() + " trial(s) submitted as Slurm job array " + job
                        + " (at most " + parallel + " at once); logs in " + folder + ".");
        boolean interrupted = follow(job, pending);
        recordEndings(job, pending, folder, interrupted);
        return interrupted;
    }

    private boolean follow(String job, List<Integer> pending) {
        try {
            while (true) {
                boolean running = !SlurmCommands.unfinished(job).isEmpty();
                show(pending);
                if (!running) {
                    return false;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            SlurmCommands.cancel(job);
            System.out.println("Cancelled Slurm job array " + job + " (scancel): its running trials stop at their"
                    + " next batch and stay resumable.");
            waitForEnd(job);
            show(pending);
            return true;
        }
    }

    /** After a cancel: the tasks end their runs (INTERRUPTED) before the sweep records its own end. */
    private static void waitForEnd(String job) {
        long deadline = System.currentTimeMillis() + 60_000;
        try {
            while (System.currentTimeMillis() < deadline
                    && !SlurmCommands.unfinished(job).isEmpty()) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException again) {
            // interrupted once more: the sweep records its end without waiting
        }
    }

    /** Brings the board up to what the store holds for each trial. */
    private void show(List<Integer> pending) {
        Map<Integer, RunRecord> recorded = trials.runs();
        for (int trial : pending) {
            RunRecord run = recorded.get(trial);
            if (run == null) {
                continue;
            }
            if (shownStarted.add(trial)) {
                board.started(trial, trials.budget(trial));
            }
            List<Double> curve = trials.curve(run.id());
            for (int epoch = shownEpochs.getOrDefault(trial, 0) + 1; epoch <= curve.size(); epoch++) {
                board.epochEnded(trial, epoch, curve.get(epoch - 1));
            }
            shownEpochs.put(trial, curve.size());
            if (run.status() != RunStatus.RUNNING) {
                board.ended(trial, run.status());
            }
        }
    }

    /**
     * A task that ended without its trial's run saying so (the JVM failed to start, the node died, it was killed):
     * a missing run is recorded FAILED with the task's job id, exit code and log tail; a run left RUNNING becomes
     * INTERRUPTED, so a resumed sweep continues it. After a cancel, a trial with no run had not started: a resume
     * submits it.
     */
    private void recordEndings(String job, List<Integer> pending, Path folder, boolean cancelled) {
        Map<Integer, RunRecord> recorded = trials.runs();
        for (int trial : pending) {
            RunRecord run = recorded.get(trial);
            if (run != null && run.status() != RunStatus.RUNNING || run == null && cancelled) {
                continue;
            }
            String ending =
                    "Slurm task " + job + "_" + trial + " ended (" + SlurmCommands.ending(job + "_" + trial) + ")";
            if (run == null) {
                Run failed = store.startTrial(new TrialOf(sweepRun.id(), sweepRun.name(), trial));
                failed.tag(Tag.SLURM_JOB, job + "_" + trial);
                failed.tag(
                        Tag.FAILURE,
                        ending + " before its trial started; its log ends: "
                                + logTail(folder.resolve("trial-" + trial + ".log")));
                failed.finish(RunStatus.FAILED);
                board.ended(trial, RunStatus.FAILED);
            } else {
                Run left = store.reopen(run);
                left.tag(Tag.FAILURE, ending + " while its run was recording; resume the sweep to continue it");
                left.finish(RunStatus.INTERRUPTED);
                board.ended(trial, RunStatus.INTERRUPTED);
            }
        }
    }

    private static String logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
