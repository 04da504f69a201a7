package ai.lepton.train.loop;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.cuda.CudaUtils;
import ai.lepton.base.Notices;
import ai.lepton.base.Settings;
import ai.lepton.data.Task;
import ai.lepton.data.batch.EpochBatches;
import ai.lepton.track.Lineage;
import ai.lepton.track.MetricPoint;
import ai.lepton.track.RunEnvironment;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunRecorder;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;
import ai.lepton.track.Tag;
import ai.lepton.track.TrialOf;
import ai.lepton.train.Devices;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingException;
import ai.lepton.train.TrainingResult;
import ai.lepton.train.listener.EarlyStopping;
import ai.lepton.train.listener.MetricLog;
import ai.lepton.train.listener.TrainingListener;
import ai.lepton.train.listener.TrainingOutcome;
import ai.lepton.train.network.NamedWeights;
import ai.lepton.train.network.Network;
import ai.lepton.train.network.Trainable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Trains a model as a tracked run: builds the network (from scratch, or a pretrained backbone with a new head), records
 * its parameters, lineage and environment, runs the {@link TrainingLoop} with the standard listeners (metric logging,
 * fine-tuning, checkpoints, early stopping) and the caller's, and ends the run as FINISHED, PRUNED, INTERRUPTED or
 * FAILED. Every run trained here records the same lineage, however it was started, so it can be promoted, explained and
 * plotted. {@link #resume} continues an unfinished run from its last checkpoint. A thread interrupt ends the run as
 * INTERRUPTED at the next batch, and the interrupt is passed on to the caller.
 *
 * <pre>{@code
 * try (RunStore store = RunStore.openDefault();
 *      TrainingResult result = Training.train(store, "penguins-mlp", TrainingData.of(prepared),
 *              TrainOptions.builder().optEpochs(20).build(), ProgressView.forRun("penguins-mlp"))) {
 *     ...
 * }
 * }</pre>
 */
public final class Training {

    private Training() {}

    /** Trains {@code data} as a new run named {@code runName} in {@code store}; {@code listeners} hear the loop. */
    public static TrainingResult train(
            RunStore store, String runName, TrainingData data, TrainOptions options, TrainingListener... listeners) {
        return execute(record(() -> store.start(runName), data, options), options, data, null, List.of(listeners));
    }

    /** Trains {@code data} as trial {@code trial} of a sweep: a new run filed under the sweep's run with its number. */
    public static TrainingResult trainTrial(
            RunStore store, TrialOf trial, TrainingData data, TrainOptions options, TrainingListener... listeners) {
        return execute(record(() -> store.startTrial(trial), data, options), options, data, null, List.of(listeners));
    }

    /**
     * Records a new run (RUNNING) with its hyperparameters and the data's lineage, without training it: a run submitted
     * to a cluster, whose job trains it with {@link #trainRecorded}.
     */
    public static RunRecorder start(RunStore store, String runName, TrainingData data, TrainOptions options) {
        return record(() -> store.start(runName), data, options);
    }

    /** Starts a run with {@code start} and records its hyperparameters and the data's lineage. */
    private static RunRecorder record(Supplier<RunRecorder> start, TrainingData data, TrainOptions options) {
        Lineage lineage =
                data.lineage().withPretrained(options.pretrained()); // before the run: it may fail (a full disk)
        Map<String, Object> params = new LinkedHashMap<>(options.asParams());
        params.put("task", data.task().name().toLowerCase());
        RunRecorder run = start.get();
        run.params(params);
        run.lineage(lineage);
        return run;
    }

    /** Trains the run {@code runId} that {@link #start} recorded, with the hyperparameters it recorded. */
    public static TrainingResult trainRecorded(
            RunStore store, String runId, TrainingData data, TrainingListener... listeners) {
        RunRecord record = store.find(runId);
        RunRecorder run = store.reopen(record);
        return execute(run, TrainOptions.fromParams(record.params()), data, null, List.of(listeners));
    }

    /**
     * Continues the unfinished run {@code reference} (id, id prefix or name) from its last checkpoint, with the same
     * hyperparameters, on the same data (prepare it the same way after a kernel restart).
     */
    public static TrainingResult resume(
            RunStore store, String reference, TrainingData data, TrainingListener... listeners) {
        RunRecord record = store.find(reference);
        TrainOptions options = TrainOptions.fromParams(record.params());
        RunRecorder run = store.reopen(record);
        return execute(run, options, data, MetricPoint.byEpoch(store.metrics(record.id())), List.of(listeners));
    }

    /** Whether the run {@code runId} has a checkpoint to resume from (a run killed in its first epoch has none). */
    public static boolean canResume(String runId) {
        return checkpointsOf(runId).find(Checkpoints.LAST) != null;
    }

    /**
     * The folder of the weights a finished run ended with ({@code model-0000.params} and {@code architecture.json}): its
     * best checkpoint when it restored the best, else its last.
     */
    public static Path finalWeights(RunRecord record) {
        Checkpoints checkpoints = checkpointsOf(record.id());
        Path best = checkpoints.find(Checkpoints.BEST);
        boolean restoreBest =
                Boolean.parseBoolean(record.params().getOrDefault(TrainOptions.RESTORE_BEST.name(), "true"));
        Path folder = restoreBest && best != null ? best : checkpoints.find(Checkpoints.LAST);
        if (folder == null) {
            throw new TrainingException("Run " + record.id() + " (" + record.name() + ") has no checkpoint in "
                    + checkpoints.directory()
                    + ": its weights are not on this machine. Use the LEPTON_HOME it trained under,"
                    + " or train it again.");
        }
        return folder;
    }

    private static Checkpoints checkpointsOf(String runId) {
        return new Checkpoints(Settings.HOME.get().resolve("checkpoints").resolve(runId));
    }

    /** Trains {@code run}; {@code history} is the resumed run's metrics so far, null for a new run. */
    private static TrainingResult execute(
            RunRecorder run,
            TrainOptions options,
            TrainingData data,
            Map<String, List<Double>> history,
            List<TrainingListener> extra) {
        Model model = null;
        try {
            Device device = Devices.select(options.device(), Notices::info);
            run.environment(environment(device));
            Engine.getInstance().setRandomSeed((int) options.seed());
            try (Network network = Network.build(run.name(), options, data, device)) {
                model = network.model();
                if (network.fineTuning() != null) {
                    run.tag(Tag.FINE_TUNING, network.fineTuning());
                }
                if (network.weights() instanceof NamedWeights named) {
                    run.tag(Tag.CHECKPOINT_VALUES, String.valueOf(named.savedValues()));
                }
                return trainNetwork(run, options, data, network, history, extra);
            }
        } catch (RuntimeException e) {
            if (run.status() == RunStatus.RUNNING) {
                run.tag(Tag.FAILURE, String.valueOf(e.getMessage())); // the run says why it failed, wherever it is read
            }
            run.close(); // FAILED unless it finished; what it logged stays
            if (model != null) {
                model.close();
            }
            throw e;
        }
    }

    private static TrainingResult trainNetwork(
            RunRecorder run,
            TrainOptions options,
            TrainingData data,
            Network network,
            Map<String, List<Double>> history,
            List<TrainingListener> extra) {
        Loss loss = data.task() == Task.CLASSIFICATION ? Loss.softmaxCrossEntropyLoss() : new HalfSquaredError();
        try (Trainable trainable = network.trainable(data, options)) {
            if (trainable.truncation() != null) {
                run.tag(Tag.TRUNCATED_TEXTS, trainable.truncation());
                Notices.info(trainable.truncation() + " are longer than max_length " + options.maxLength()
                        + " word pieces and were cut (raise max_length to read more of them, at more cost per step).");
            }
            return trainModel(run, options, data, network, trainable, loss, history, extra);
        }
    }

    private static TrainingResult trainModel(
            RunRecorder run,
            TrainOptions options,
            TrainingData data,
            Network network,
            Trainable trainable,
            Loss loss,
            Map<String, List<Double>> history,
            List<TrainingListener> extra) {
        Model model = trainable.model();
        EpochBatches batches = trainable.training();
        StatefulOptimizer optimizer = optimizer(options, trainable, network.backboneParameters());
        Checkpoints checkpoints = checkpointsOf(run.id());
        // loaded before the trainer exists: the trainer's parameter store keeps the arrays it first sees; a resumed
        // run's head is in its checkpoint, so only a new run fits it as a probe first
        Checkpoints.State resumed = history == null
                ? null
                : checkpoints.load(
                        Checkpoints.LAST, network.weights(), model.getBlock(), optimizer, model.getNDManager());
        if (resumed == null) {
            ProbeFirst.fit(run, network, data, options, loss);
        }
        try (Trainer trainer = trainer(trainable, loss, optimizer)) {
            List<TrainingListener> listeners = new ArrayList<>(network.listeners());
            listeners.add(new MetricLog(run));
            listeners.add(new Checkpointing(
                    checkpoints, network.weights(), network.architecture(), optimizer, options.checkpointEvery()));
            listeners.add(new EarlyStopping(options.patience()));
            listeners.addAll(extra);
            TrainingLoop loop = new TrainingLoop(
                    run.id(),
                    run.name(),
                    options,
                    data,
                    new TrainingLoop.Parts(trainer, loss, optimizer, batches, trainable.validation()),
                    listeners);
            if (resumed != null) {
                loop.resumeFrom(resumed, history);
            }
            TrainingOutcome outcome;
            try {
                outcome = loop.run();
            } catch (TrainingLoop.NonFiniteLoss e) {
                loop.end(TrainingOutcome.FAILED);
                run.tag(Tag.FAILURE, e.getMessage());
                run.finish(RunStatus.FAILED);
                throw new TrainingException("Run " + run.id() + " FAILED: " + e.getMessage() + " (learning rate "
                        + optimizer.currentRate() + "). "
                        + (checkpoints.find(Checkpoints.LAST) == null
                                ? "No epoch had finished."
                                : "The last good checkpoint (epoch " + loop.epoch() + ") is kept in "
                                        + checkpoints.directory() + ".")
                        + " Lower lr, or set clip.");
            }
            loop.end(outcome);
            // an interrupted run keeps its current weights: the user is waiting, and resuming reads the checkpoint
            // anyway
            if (options.restoreBest()
                    && outcome != TrainingOutcome.INTERRUPTED
                    && checkpoints.find(Checkpoints.BEST) != null) {
                checkpoints.loadParameters(Checkpoints.BEST, network.weights());
            }
            Path best = checkpoints.find(Checkpoints.BEST);
            if (best != null) {
                String file = network.weights().file();
                run.artifact("checkpoints/best/" + file, best.resolve(file));
            }
            run.tag(Tag.OUTCOME, outcome.label());
            run.finish(outcome.status());
            if (outcome == TrainingOutcome.INTERRUPTED) {
                Thread.currentThread().interrupt(); // passed on: the cell, or the sweep running this trial, stops too
                Notices.info("Run " + run.id() + " INTERRUPTED after " + loop.epoch()
                        + " epoch(s); its checkpoint is kept in "
                        + checkpoints.directory() + ". Resume it with Training.resume(store, \"" + run.id()
                        + "\", data), in a"
                        + " notebook Lepton.resume(DATA, \"" + run.id() + "\") or %%lepton train --resume " + run.id()
                        + ".");
            }
            return new TrainingResult(
                    run.id(),
                    outcome.status(),
                    loop.epoch(),
                    loop.bestEpoch(),
                    loop.bestMetrics(),
                    network.model(),
                    checkpoints.directory());
        }
    }

    /** The optimizer for {@code trainable}'s epochs; {@code backbone}'s parameters train at a share of the rate. */
    static StatefulOptimizer optimizer(TrainOptions options, Trainable trainable, Set<String> backbone) {
        StatefulOptimizer optimizer = StatefulOptimizer.of(
                options,
                Schedule.of(
                        options,
                        TrainingLoop.updatesPerEpoch(
                                options, trainable.training().batchCount())));
        optimizer.backboneGroup(backbone);
        optimizer.nameParameters(trainable.model().getBlock());
        return optimizer;
    }

    /** A trainer of {@code trainable}'s model on its device, initialized for its inputs. */
    static Trainer trainer(Trainable trainable, Loss loss, StatefulOptimizer optimizer) {
        Model model = trainable.model();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(optimizer)
                .optDevices(new Device[] {model.getNDManager().getDevice()});
        Trainer trainer = model.newTrainer(config);
        try {
            trainer.initialize(trainable.inputShapes());
            return trainer;
        } catch (RuntimeException e) {
            trainer.close();
            throw e;
        }
    }

    private static Map<String, Object> environment(Device device) {
        Map<String, Object> facts =
                new LinkedHashMap<>(RunEnvironment.capture(Path.of("").toAbsolutePath()));
        Engine engine = Engine.getInstance();
        facts.put("engine", engine.getEngineName() + " " + engine.getVersion());
        facts.put("device", device.toString());
        facts.put("gpu_count", engine.getGpuCount());
        if (device.isGpu()) {
            facts.put("cuda", CudaUtils.getCudaVersionString());
            facts.put("gpu_compute_capability", CudaUtils.getComputeCapability(device.getDeviceId()));
            facts.put("gpu_memory_bytes", CudaUtils.getGpuMemory(device).getMax());
        }
        return facts;
    }
}
