package ai.lepton.sweep;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.lepton.base.Notices;
import ai.lepton.base.Suggestions;
import ai.lepton.track.Lineage;
import ai.lepton.track.Metric;
import ai.lepton.track.MetricPoint;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunRecorder;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;
import ai.lepton.track.Tag;
import ai.lepton.track.TrialOf;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingException;
import ai.lepton.train.TrainingResult;
import ai.lepton.train.listener.TrainingListener;
import ai.lepton.train.loop.Training;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs a sweep as a tracked run with one child run per trial: draws the configurations, checks each
 * against the training hyperparameters before anything starts, trains the trials through a {@link TrialExecutor}
 * (the one {@link SweepOptions} name: here, or a Slurm job array) with a {@link Scheduler} deciding after each epoch,
 * and collects a {@link SweepResult}. A trial that
 * fails is recorded as FAILED and the sweep goes on. {@link #resume} picks an unfinished sweep up again:
 * ended trials are not re-run, interrupted ones continue from their checkpoints.
 */
public final class Sweeping {

    private static final String KIND = "sweep";

    private final RunStore store;
    private final String name;
    private final TrainingData data;
    private final SweepOptions options;
    /** the metric trials are ranked by, in the direction they are ranked */
    private final Metric metric;

    private final List<Map<String, Object>> configurations;
    /** the most epochs a trial trains: the schedulers' budget */
    private final int longest;

    private Sweeping(RunStore store, String name, TrainingData data, SearchSpace space, SweepOptions options) {
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
        this.configurations = space.configurations(options.search(), options.trials(), options.seed());
        int longest = 0;
        for (int i = 0; i < configurations.size(); i++) {
            longest = Math.max(
                    longest,
                    trialOptions(i + 1, "cpu").epochs()); // every configuration is checked before any trial starts
        }
        this.longest = longest;
        this.metric = options.ranking(
                space.dimensions().get(TrainOptions.MONITOR.name()) instanceof Dimension.Fixed fixed
                        ? TrainOptions.MONITOR.read(fixed.value()) // checked with the configurations above
                        : TrainOptions.MONITOR.defaultValue());
    }

    /** Runs a new sweep named {@code name} over {@code space} on {@code data}. */
    public static SweepResult run(
            RunStore store, String name, TrainingData data, SearchSpace space, SweepOptions options, SweepView view) {
        Sweeping sweep = new Sweeping(store, name, data, space, options);
        TrialExecutor executor = options.newExecutor();
        executor.checkStore(store);
        Lineage lineage = data.lineage(); // before the run: keeping the held-out rows may fail (a full disk)
        RunRecorder run = store.start(name);
        Map<String, Object> params = new LinkedHashMap<>(options.asParams(sweep.metric));
        params.put("space", space.yaml());
        run.params(params);
        run.tag(Tag.KIND, KIND);
        Scheduler scheduler = sweep.schedulerFor(run.id());
        run.tag(Tag.SCHEDULER, scheduler.describe());
        run.lineage(lineage);
        return sweep.execute(run, scheduler, Map.of(), executor, view);
    }

    /**
     * Continues the unfinished sweep {@code reference} (id, id prefix or name) on the same data (prepare it
     * the same way after a kernel restart): the same configurations are drawn again from its seed.
     */
    public static SweepResult resume(RunStore store, String reference, TrainingData data, SweepView view) {
        return resume(store, reference, data, null, view);
    }

    /**
     * Continues the unfinished sweep {@code reference} that a scheduler of one's own ranked, with that scheduler
     * again ({@code sweep -> scheduler} for one that needs nothing of the sweep); null for a sweep that named its
     * scheduler.
     */
    public static SweepResult resume(
            RunStore store, String reference, TrainingData data, Scheduler.Factory ownScheduler, SweepView view) {
        RunRecord record = sweepRecord(
                store, reference, "resume a training run with Training.resume(store, ...) or %%lepton train --resume");
        boolean ranByOwn = SweepOptions.ranByOwnScheduler(record.params());
        if (ranByOwn != (ownScheduler != null)) {
            throw new SweepException(
                    ranByOwn
                            ? "Sweep " + record.name() + " (run " + record.id()
                                    + ") was ranked by a scheduler of its own ("
                                    + record.tag(Tag.SCHEDULER) + "): pass it again, Sweeping.resume(store, \""
                                    + record.id()
                                    + "\", data, sweep -> scheduler, view)."
                            : "Sweep " + record.name() + " (run " + record.id() + ") ran with scheduler "
                                    + record.tag(Tag.SCHEDULER)
                                    + "; it resumes with that one, without a scheduler object.");
        }
        Sweeping sweep = fromRecord(store, record, data, ownScheduler);
        TrialExecutor executor = sweep.options.newExecutor();
        executor.checkStore(store);
        RunRecorder run = store.reopen(record);
        return sweep.execute(run, sweep.schedulerFor(run.id()), sweep.trialsOf(record.id()), executor, view);
    }

    /** The sweep {@code reference} (id, id prefix or name) as the store recorded it, trials so far included; nothing is run. */
    public static SweepResult recorded(RunStore store, String reference) {
        RunRecord record = sweepRecord(store, reference, "plot a training run with Plots.runs(...) or %lepton plot");
        Sweeping sweep = fromRecord(store, record, null, null);
        return sweep.result(record.id(), record.status());
    }

    /**
     * Trains trial {@code trial} of the recorded sweep {@code sweepRunId} in this JVM, deciding at each rung from what
     * the store holds: what one task of the sweep's Slurm job array does. Returns how the trial's run ended.
     */
    static RunStatus runTrial(RunStore store, String sweepRunId, TrainingData data, int trial) {
        RunRecord record = sweepRecord(store, sweepRunId, "train it with Training.train(...)");
        Sweeping sweep = fromRecord(store, record, data, null);
        TrialBoard board = sweep.board(sweepRunId, SweepView.none());
        AtomicReference<SweepException> fatal = new AtomicReference<>();
        Scheduler scheduler = sweep.schedulerFor(sweepRunId);
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

    /**
     * The sweep {@code record} describes (its space and options as recorded), on {@code data}, ranked by
     * {@code ownScheduler} when a scheduler of one's own ranked it.
     */
    private static Sweeping fromRecord(
            RunStore store, RunRecord record, TrainingData data, Scheduler.Factory ownScheduler) {
        return new Sweeping(
                store,
                record.name(),
                data,
                SearchSpace.parse(record.params().get("space")),
                SweepOptions.fromParams(record.params(), ownScheduler));
    }

    /** Whether {@code run} is a sweep (whose trials are its child runs) rather than a training run. */
    public static boolean isSweep(RunRecord run) {
        return KIND.equals(run.tag(Tag.KIND));
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

    /**
     * A new scheduler for the trials of the sweep run {@code sweepRunId}. What the schedulers compare (ASHA's rungs,
     * the median rule's best values per epoch) is kept in the store under the sweep's run, so trials anywhere decide
     * alike and a resumed sweep goes on from what its trials recorded.
     */
    private Scheduler schedulerFor(String sweepRunId) {
        return options.newScheduler(
                new Scheduler.Context(longest, metric.mode(), RungResults.stored(store, sweepRunId)));
    }

    private TrialBoard board(String sweepRunId, SweepView view) {
        return new TrialBoard(name, sweepRunId, metric.name(), metric.mode(), configurations, view);
    }

    private SweepResult execute(
            RunRecorder run,
            Scheduler scheduler,
            Map<Integer, RunRecord> recorded,
            TrialExecutor executor,
            SweepView view) {
        try (view) {
            TrialBoard board = board(run.id(), view);
            SortedMap<Integer, Consumer<Slot>> pending = new TreeMap<>();
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
                pending.put(trial, task(trial, before, run.id(), scheduler, board, fatal));
            }
            boolean interrupted = false;
            try (Notices.Installed once = Notices.eachOnce()) { // not a line per trial for what each trial tells
                executor.execute(new SweepTrials(store, run, data, pending, board, recordedTrials(run.id())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
            interrupted |= Thread.interrupted(); // a trial run on this thread passes its interrupt on as the flag
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
                Notices.info("Sweep " + name + " (run " + run.id() + ") INTERRUPTED after "
                        + result.trials().size() + " trial(s)"
                        + (interrupted ? "" : "; trial(s) " + unended + " did not end")
                        + ". Resume it with Sweeping.resume(store, \"" + run.id()
                        + "\", data), in a notebook Lepton.resumeSweep(DATA, \"" + run.id()
                        + "\") or %%lepton sweep --resume "
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
                run.tag(Tag.BEST_TRIAL, Integer.toString(best.number()));
                run.tag(Tag.BEST_RUN, best.runId());
                run.metric(metric.best().name(), best.best(), result.trials().size(), 0);
            });
            run.metric(
                    Metric.EPOCHS_TOTAL.name(),
                    result.totalEpochs(),
                    result.trials().size(),
                    0);
            run.finish(RunStatus.FINISHED);
            board.sweepEnded("finished");
            return result;
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /** The sweep's trials as the store holds them, for an executor that follows trials running elsewhere. */
    private SweepTrials.Recorded recordedTrials(String sweepRunId) {
        return new SweepTrials.Recorded() {
            @Override
            public Map<Integer, RunRecord> runs() {
                return trialsOf(sweepRunId);
            }

            @Override
            public List<Double> curve(String runId) {
                return Sweeping.this.curve(runId);
            }

            @Override
            public int budget(int trial) {
                return trialOptions(trial, "cpu").epochs();
            }
        };
    }

    private SweepResult fail(RunRecorder run, TrialBoard board, String why) {
        run.tag(Tag.FAILURE, why);
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
            TrainingListener listener = new TrialListener(trial, metric.name(), board, scheduler);
            board.started(trial, options.epochs());
            boolean resumable = before != null && Training.canResume(before.id());
            if (before != null && !resumable) {
                RunRecorder killed = store.reopen(before);
                killed.tag(
                        Tag.FAILURE, "stopped before its first checkpoint; the resumed sweep trained the trial again");
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
        return MetricPoint.byEpoch(store.metrics(runId)).getOrDefault(metric.name(), List.of());
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
                    metric.mode().best(curve),
                    seconds,
                    record.tag(Tag.FAILURE)));
        });
        return new SweepResult(sweepRunId, name, metric.name(), metric.mode(), status, trials);
    }
}
