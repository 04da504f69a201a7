package ai.lepton.slurm;

import ai.lepton.base.Notices;
import ai.lepton.base.Settings;
import ai.lepton.track.Metric;
import ai.lepton.track.MetricPoint;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunRecorder;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;
import ai.lepton.track.Tag;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.listener.ProgressView;
import ai.lepton.train.listener.TrainingOutcome;
import ai.lepton.train.listener.TrainingProgress;
import ai.lepton.train.loop.Training;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One training run as a Slurm batch job: the run is recorded here (hyperparameters, lineage), its data and a job script
 * go to {@code LEPTON_HOME/submitted/RUN} on the file system the nodes share, and the job ({@link RunJob}) trains it,
 * reporting into the shared store. {@link #follow} shows it live from the store until the job ends; an interrupt only
 * detaches, and the job goes on.
 */
public final class SlurmRun {

    private static final long POLL_MILLIS = 1000;

    private SlurmRun() {}

    /** Records the run and submits its job; returns the run's id (the job's id is its {@code slurm_job} tag). */
    public static String submit(
            RunStore store, String runName, TrainingData data, TrainOptions options, String sbatchOptions) {
        SlurmJobs.requireSharedStore(store.url(), "Runs submitted", "train here without --submit");
        RunRecorder run = Training.start(store, runName, data, options);
        Path folder = Settings.HOME.get().resolve("submitted").resolve(run.id());
        try {
            Path script =
                    SlurmJobs.writeJobFiles(folder, "run.sh", "Lepton run " + run.id(), RunJob.class, run.id(), data);
            String job = SlurmCommands.submitJob(
                    script.toString(),
                    "lepton-" + runName,
                    folder.resolve("run.log").toString(),
                    sbatchOptions,
                    SlurmJobs.environment());
            run.tag(Tag.SLURM_JOB, job);
            Notices.info("Run " + runName + " (" + run.id() + ") submitted as Slurm job " + job + "; its log is "
                    + folder.resolve("run.log") + ".");
            return run.id();
        } catch (RuntimeException e) {
            run.tag(Tag.FAILURE, "could not be submitted: " + e.getMessage());
            run.finish(RunStatus.FAILED);
            throw e;
        }
    }

    /**
     * Shows run {@code reference} in {@code view} as the store records it until its job ends, and returns how the store
     * has it then. An interrupt detaches: the job goes on, and this says how to follow or cancel it.
     */
    public static RunRecord follow(RunStore store, String reference, ProgressView view) {
        RunRecord record = store.find(reference);
        String job = record.tag(Tag.SLURM_JOB);
        if (job == null) {
            throw new SlurmException("Run " + record.id() + " (" + record.name() + ") was not submitted to Slurm: there"
                    + " is no job to follow. Lepton.runs() lists the runs.");
        }
        try {
            while (true) {
                boolean queued = !SlurmCommands.unfinished(job).isEmpty();
                record = store.find(record.id());
                view.onProgress(progress(store, record));
                if (!queued || record.status() != RunStatus.RUNNING) {
                    break;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Notices.info("Detached from run " + record.id() + "; Slurm job " + job + " goes on. Follow it again"
                    + " with %lepton attach " + record.id() + " (Lepton.attach(\"" + record.id()
                    + "\")), cancel it with"
                    + " Lepton.cancel(\"" + record.id() + "\").");
            return record;
        }
        if (record.status() == RunStatus.RUNNING) { // the job ended without the run saying how
            RunRecorder left = store.reopen(record);
            left.tag(
                    Tag.FAILURE,
                    "Slurm job " + job + " ended (" + SlurmCommands.ending(job) + ") while its run was"
                            + " recording; see its log "
                            + Settings.HOME.get().resolve("submitted").resolve(record.id())
                            + "/run.log");
            left.finish(RunStatus.FAILED);
            record = store.find(record.id());
        }
        view.onEnd(outcome(record.status()), progress(store, record));
        return record;
    }

    /** Cancels the job of run {@code reference}; the run stops at its next batch and ends INTERRUPTED. */
    public static void cancel(RunStore store, String reference) {
        RunRecord record = store.find(reference);
        String job = record.tag(Tag.SLURM_JOB);
        if (job == null) {
            throw new SlurmException("Run " + record.id() + " (" + record.name() + ") was not submitted to Slurm: there"
                    + " is no job to cancel.");
        }
        SlurmCommands.cancel(job);
        Notices.info("Cancelled Slurm job " + job + " of run " + record.id() + ".");
    }

    /** Where the run stands, as its view wants it, from what the store holds. */
    private static TrainingProgress progress(RunStore store, RunRecord record) {
        List<MetricPoint> points = store.metrics(record.id());
        Map<String, List<Double>> epochs = MetricPoint.byEpoch(points);
        List<double[]> steps = MetricPoint.stepLosses(points);
        double loss = steps.isEmpty() ? Double.NaN : steps.getLast()[1];
        long step = steps.isEmpty() ? 0 : (long) steps.getLast()[0];
        int budget = Integer.parseInt(record.params().getOrDefault(TrainOptions.EPOCHS.name(), "0"));
        int done = epochs.getOrDefault(Metric.LOSS.name(), List.of()).size();
        String status = record.status() == RunStatus.RUNNING
                ? "training"
                : record.status().name().toLowerCase();
        return new TrainingProgress(
                record.id(),
                record.name(),
                status,
                Math.min(done + 1, Math.max(budget, 1)),
                budget,
                step,
                done == 0 ? 0 : (int) (step / done),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                loss,
                steps,
                epochs);
    }

    private static TrainingOutcome outcome(RunStatus status) {
        return switch (status) {
            case INTERRUPTED -> TrainingOutcome.INTERRUPTED;
            case FAILED -> TrainingOutcome.FAILED;
            case PRUNED -> TrainingOutcome.PRUNED;
            default -> TrainingOutcome.FINISHED;
        };
    }
}
