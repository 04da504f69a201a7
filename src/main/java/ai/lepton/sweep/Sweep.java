package ai.lepton.sweep;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.lepton.base.Suggestions;
import ai.lepton.track.Lineage;
import ai.lepton.track.MetricPoint;
import ai.lepton.track.Run;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;
import ai.lepton.track.TrialOf;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.Training;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingException;
import ai.lepton.train.TrainingListener;
import ai.lepton.train.TrainingResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs a sweep as a tracked run with one child run per trial: draws the configurations, checks each
 * against the training hyperparameters before anything starts, trains the trials through a {@link TrialExecutor}
 * with a {@link Scheduler} deciding after each epoch, and collects a {@link SweepResult}. A trial that
 * fails is recorded as FAILED and the sweep goes on. {@link #resume} picks an unfinished sweep up again:
 * ended trials are not re-run, interrupted ones continue from their checkpoints.
 */
public final class Sweep {

    private static final String KIND = "sweep";

    private final RunStore store;
    private final String name;
    private final TrainingData data;
    private final SweepOptions options;
    private final String metric;
    private final Mode mode;
    private final List<Map<String, Object>> configurations;
    /** the most epochs a trial trains: the schedulers' budget */
    private final int longest;

    private Sweep(RunStore store, String name, TrainingData data, SearchSpace space, SweepOptions options) {
        this.store = store;
        this.name = name;
        this.data = data;
        this.options = options;
        for (String parameter : space.dimensions().keySet()) {
            if (!TrainOptions.HYPERPARAMETERS.has(parameter)) {
                throw new SweepException("'" + parameter + "' in the search space is not a hyperparameter of the model."
                        + Suggestions.didYouMean("", parameter, TrainOptions.HYPERPARAMETERS.names()) + " Known: "
                        + String.join(", ", TrainOptions.HYPERPARAMETERS.names()) + ".");
            }
        }
        this.metric = options.metric() != null
                ? options.metric()
                : space.dimensions().get("monitor") instanceof Dimension.Fixed fixed
                        ? String.valueOf(fixed.value())
                        : "val_loss";
        this.mode = options.mode() != null ? options.mode() : Mode.of(metric);
        this.configurations = space.configurations(options.search(), options.trials(), options.seed());
        int longest = 0;
        for (int i = 0; i < configurations.size(); i++) {
            longest = Math.max(
                    longest,
                    trialOptions(i + 1, "cpu").epochs()); // every configuration is checked before any trial starts
        }
        this.longest = longest;
    }

    /** Runs a new sweep named {@code name} over {@code space} on {@code data}. */
    public static SweepResult run(
            RunStore store, String name, TrainingData data, SearchSpace space, SweepOptions options, SweepView view) {
        Sweep sweep = new Sweep(store, name, data, space, options);
        if (sweep.onSlurm()) {
            SlurmArray.checkStore(store);
        }
        Lineage lineage = data.lineage(); // before the run: keeping the held-out rows may fail (a full disk)
        Run run = store.start(name);
        Map<String, Object> params = new LinkedHashMap<>(options.asParams(sweep.metric, sweep.mode));
        params.put("space", space.yaml());
        run.params(params);
        run.tag("kind", KIND);
        Scheduler scheduler = sweep.schedulerFor(run);
        run.tag("scheduler", scheduler.describe());
        run.lineage(lineage);
        return sweep.execute(run, scheduler, Map.of(), view);
    }

    /**
     * Continues the unfinished sweep {@code reference} (id, id prefix or name) on the same data (prepare it
     * the same way after a kernel restart): the same configurations are drawn again from its seed.
     */
    public static SweepResult resume(RunStore store, String reference, TrainingData data, SweepView view) {
        RunRecord record = sweepRecord(
                store, reference, "resume a training run with Training.resume(store, ...) or %%lepton train --resume");
        Sweep sweep = fromRecord(store, record, data);
        if (sweep.onSlurm()) {
            SlurmArray.checkStore(store);
        }
        Run run = store.reopen(record);
        return sweep.execute(run, sweep.schedulerFor(run), sweep.trialsOf(record.id()), view);
    }

    /** The sweep {@code reference} (id, id prefix or name) as the store recorded it, trials so far included; nothing is run. */
    public static SweepResult recorded(RunStore store, String reference) {
        RunRecord record = sweepRecord(store, reference, "plot a training run with Plots.runs(...) or %lepton plot");
        Sweep sweep = fromRecord(store, record, null);
        return sweep.result(record.id(), record.status());
    }

    /**
     * Trains trial {@code trial} of the recorded sweep {@code sweepRunId} in this JVM, deciding at each rung from what
     * the store holds: what one task of the sweep's Slurm job array does. Returns how the trial's run ended.
     */
    static RunStatus runTrial(RunStore store, String sweepRunId, TrainingData data, int trial) {
        RunRecord record = sweepRecord(store, sweepRunId, "train it with Training.train(...)");
        Sweep sweep = fromRecord(store, record, data);
        TrialBoard board = new TrialBoard(
                sweep.name, sweepRunId, sweep.metric, sweep.mode, sweep.configurations, SweepView.none());
        AtomicReference<SweepException> fatal = new AtomicReference<>();
        Scheduler scheduler =
                sweep.options.newScheduler(sweep.longest, sweep.mode, RungResults.stored(store, sweepRunId));
        Engine.getInstance(); // loads the engine's natives, which setting a trial's threads needs first
        String cpus = System.getenv("SLURM_CPUS_PER_TASK");
        int threads = cpus == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(cpus);
        sweep.task(trial, sweep.trialsOf(sweepRunId).get(trial), sweepRunId, scheduler, board, fatal)
                .accept(new Slot("auto", threads));
        if (fatal.get() != null) {
            throw fatal.get();
        }
        return RunStatus.valueOf(board.progress().trials().get(trial - 1).status());
    }

    /** The sweep {@code record} describes (its space and options as recorded), on {@code data}. */
    private static Sweep fromRecord(RunStore store, RunRecord record, TrainingData data) {
        return new Sweep(
                store,
                record.name(),
                data,
                SearchSpace.parse(record.params().get("space")),
                SweepOptions.fromParams(record.params()));
    }

    /** Whether {@code run} is a sweep (whose trials are its child runs) rather than a training run. */
    public static boolean isSweep(RunRecord run) {
        return KIND.equals(run.tags().get("kind"));
    }

    /** The run {@code reference}, which must be a sweep; {@code otherwise} says what to do with a plain run. */
    private static RunRecord sweepRecord(RunStore store, String reference, String otherwise) {
        RunRecord record = store.find(reference);
        if (!isSweep(record)) {
            throw new SweepException("Run " + record.id() + " (" + record.name() + ") is not a sweep; " + otherwise
                    + " " + record.id() + ".");
        }
        return record;
    }

    private boolean onSlurm() {
        return "slurm".equals(options.executor());
    }

    /**
     * A new scheduler for the sweep's trials. What the schedulers compare (ASHA's rungs, the median rule's best values
     * per epoch) is kept in the store under the sweep's run, so trials anywhere decide alike and a resumed sweep goes
     * on from what its trials recorded.
     */
    private Scheduler schedulerFor(Run run) {
        return options.newScheduler(longest, mode, RungResults.stored(store, run.id()));
    }

    private SweepResult execute(Run run, Scheduler scheduler, Map<Integer, RunRecord> recorded, SweepView view) {
        try (view) {
            TrialBoard board = new TrialBoard(name, run.id(), metric, mode, configurations, view);
            List<Consumer<Slot>> tasks = new ArrayList<>();
            List<Integer> pending = new ArrayList<>();
            AtomicReference<SweepException> fatal = new AtomicReference<>();
            for (int trial = 1; trial <= configurations.size(); trial++) {
                RunRecord before = recorded.get(trial);
                if (before != null) {
                    List<Double> curve = curve(before.id());
                    for (int epoch = 1; epoch <= curve.size(); epoch++) {
                        scheduler.keepGoing(
                                trial,
                                epoch,
                                curve.get(epoch - 1)); // the scheduler learns what it saw before the restart
                    }
                    board.restore(trial, before.status(), curve);
                    if (before.status() != RunStatus.RUNNING && before.status() != RunStatus.INTERRUPTED) {
                        continue;
                    }
                }
                tasks.add(task(trial, before, run.id(), scheduler, board, fatal));
                pending.add(trial);
            }
            boolean interrupted = onSlurm()
                    ? new SlurmArray(store, run, options, board, slurmView(run.id())).run(data, pending)
                    : runHere(tasks);
            SweepResult result = result(run.id(), interrupted ? RunStatus.INTERRUPTED : RunStatus.FINISHED);
            if (fatal.get() != null) {
                return fail(run, board, fatal.get().getMessage());
            }
            // a trial that did not end (its task died with its node, say) keeps the sweep resumable
            List<Integer> unended = result.trials().stream()
                    .filter(trial -> trial.status() == RunStatus.INTERRUPTED)
                    .map(TrialResult::number)
                    .toList();
            if (interrupted || !unended.isEmpty()) {
                run.finish(RunStatus.INTERRUPTED);
                board.sweepEnded("interrupted");
                System.out.println("Sweep " + name + " (run " + run.id() + ") INTERRUPTED after "
                        + result.trials().size() + " trial(s)"
                        + (interrupted ? "" : "; trial(s) " + unended + " did not end")
                        + ". Resume it with Sweep.resume(store, \"" + run.id()
                        + "\", data), in a notebook Lepton.resumeSweep(\"" + run.id()
                        + "\", DATA) or %%lepton sweep --resume "
                        + run.id() + ".");
                return result;
            }
            if (!result.trials().isEmpty()
                    && result.count(RunStatus.FAILED) == result.trials().size()) {
                TrialResult first = result.trials().getFirst();
                return fail(
                        run,
                        board,
                        "All " + result.trials().size() + " trials failed; the first (trial 1, run " + first.runId()
                                + "): " + first.failure());
            }
            result.bestTrial().ifPresent(best -> {
                run.tag("best_trial", Integer.toString(best.number()));
                run.tag("best_run", best.runId());
                run.metric("best_" + metric, best.best(), result.trials().size(), 0);
            });
            run.metric("epochs_total", result.totalEpochs(), result.trials().size(), 0);
            run.finish(RunStatus.FINISHED);
            board.sweepEnded("finished");
            return result;
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /** Runs the trials side by side in this JVM; true when interrupted. */
    private boolean runHere(List<Consumer<Slot>> tasks) {
        TrialExecutor executor = LocalExecutor.of(
                options.parallel(),
                options.trialsPerGpu(),
                Engine.getInstance().getGpuCount(),
                Runtime.getRuntime().availableProcessors(),
                System.out::println);
        boolean interrupted = false;
        try {
            executor.execute(tasks);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        return interrupted | Thread.interrupted(); // a trial run on this thread passes its interrupt on as the flag
    }

    /** The sweep's trials as the store holds them, for the Slurm array that follows them. */
    private SlurmArray.Trials slurmView(String sweepRunId) {
        return new SlurmArray.Trials() {
            @Override
            public Map<Integer, RunRecord> recorded() {
                return trialsOf(sweepRunId);
            }

            @Override
            public List<Double> curve(String runId) {
                return Sweep.this.curve(runId);
            }

            @Override
            public int budget(int trial) {
                return trialOptions(trial, "cpu").epochs();
            }
        };
    }

    private SweepResult fail(Run run, TrialBoard board, String why) {
        run.tag("failure", why);
        run.finish(RunStatus.FAILED);
        board.sweepEnded("failed");
        throw new SweepException("Sweep " + name + " (run " + run.id() + ") FAILED: " + why);
    }

    /** Trains trial {@code trial} in the slot it is given: anew, or on from {@code before}'s checkpoint. */
    private Consumer<Slot> task(
            int trial,
            RunRecord before,
            String sweepRunId,
            Scheduler scheduler,
            TrialBoard board,
            AtomicReference<SweepException> fatal) {
        return slot -> {
            if (fatal.get() != null) {
                return; // the metric is missing for every trial alike: do not spend more on it
            }
            JniUtils.setNumThreads(slot.threads()); // per thread: trials side by side share the cores
            TrainOptions options = trialOptions(trial, slot.device());
            TrainingListener listener = new TrialListener(trial, metric, board, scheduler);
            board.started(trial, options.epochs());
            boolean resumable = before != null && Training.canResume(before.id());
            if (before != null && !resumable) {
                Run killed = store.reopen(before);
                killed.tag("failure", "stopped before its first checkpoint; the resumed sweep trained the trial again");
                killed.finish(RunStatus.FAILED);
            }
            try (TrainingResult result = resumable
                    ? Training.resume(store, before.id(), data, listener)
                    : Training.trainTrial(store, new TrialOf(sweepRunId, name, trial), data, options, listener)) {
                board.ended(trial, result.status()); // an interrupted trial passes the interrupt on: the executor stops
            } catch (SweepException e) {
                fatal.compareAndSet(null, e);
                board.ended(trial, RunStatus.FAILED);
            } catch (RuntimeException e) {
                board.ended(trial, RunStatus.FAILED); // its run records why; the sweep goes on
            }
        };
    }

    /** Trial {@code trial}'s hyperparameters, on {@code device} unless the space fixes one. */
    private TrainOptions trialOptions(int trial, String device) {
        TrainOptions.Builder builder = TrainOptions.builder();
        Map<String, Object> configuration = configurations.get(trial - 1);
        try {
            configuration.forEach(builder::set);
            if (builder.build().device().equals("auto")) {
                builder.set("device", device);
            }
            return builder.build();
        } catch (TrainingException e) {
            throw new SweepException(
                    "Trial " + trial + " of the search space " + configuration
                            + " is not a valid set of hyperparameters: " + e.getMessage(),
                    e);
        }
    }

    /** The trials the store holds of this sweep, by number; a number beyond the sweep's configurations is none. */
    private SortedMap<Integer, RunRecord> trialsOf(String sweepRunId) {
        return store.trials(sweepRunId).headMap(configurations.size() + 1);
    }

    /** The sweep's metric after each epoch of run {@code runId}. */
    private List<Double> curve(String runId) {
        return MetricPoint.byEpoch(store.metrics(runId)).getOrDefault(metric, List.of());
    }

    private SweepResult result(String sweepRunId, RunStatus status) {
        List<TrialResult> trials = new ArrayList<>();
        trialsOf(sweepRunId).forEach((trial, record) -> {
            List<Double> curve = curve(record.id());
            double seconds = record.endedAt() == null
                    ? Double.NaN
                    : Duration.between(record.startedAt(), record.endedAt()).toMillis() / 1000.0;
            trials.add(new TrialResult(
                    trial,
                    record.id(),
                    configurations.get(trial - 1),
                    record.status(),
                    curve,
                    mode.best(curve),
                    seconds,
                    record.tags().get("failure")));
        });
        return new SweepResult(sweepRunId, name, metric, mode, status, trials);
    }
}
