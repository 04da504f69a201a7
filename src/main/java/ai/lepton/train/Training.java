package ai.lepton.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.lepton.base.Settings;
import ai.lepton.data.BatchDataset;
import ai.lepton.data.Task;
import ai.lepton.runtime.Architecture;
import ai.lepton.track.MetricPoint;
import ai.lepton.track.Run;
import ai.lepton.track.RunEnvironment;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Trains a model as a tracked run: builds the network (from scratch, or a pretrained backbone with a new
 * head), records parameters, lineage and environment, runs the {@link TrainingLoop}, and ends the run as
 * FINISHED, INTERRUPTED or FAILED. {@link #resume} continues an unfinished run from its last checkpoint.
 */
public final class Training {

    private Training() {}

    /** Trains {@code data} as a new run named {@code runName} in {@code store}, showing progress in {@code view}. */
    public static TrainingResult train(
            RunStore store, String runName, TrainingData data, TrainSpec spec, ProgressView view) {
        return train(store, runName, null, data, spec, view, EpochGate.ALWAYS);
    }

    /**
     * Trains {@code data} as a new run that is a child of the run {@code parentId} (null: none), asking
     * {@code gate} after each epoch whether to go on; a sweep's trials train this way.
     */
    public static TrainingResult train(
            RunStore store,
            String runName,
            String parentId,
            TrainingData data,
            TrainSpec spec,
            ProgressView view,
            EpochGate gate) {
        Run run = store.start(runName, parentId);
        Map<String, Object> params = new LinkedHashMap<>(spec.asParams());
        params.put("task", data.task().name().toLowerCase());
        run.params(params);
        Map<String, Object> lineage = new LinkedHashMap<>(data.lineage());
        lineage.put("train_rows", data.train().rows());
        lineage.put("validation_rows", data.validation().rows());
        lineage.put("labels", data.labels());
        if (spec.pretrained() != null) {
            lineage.put("pretrained", spec.pretrained());
        }
        run.lineage(lineage);
        return execute(run, spec, data, view, gate, false, Map.of());
    }

    /**
     * Continues the unfinished run {@code reference} (id, id prefix or name) from its last checkpoint, with
     * the same hyperparameters, on the same data (prepare it the same way after a kernel restart).
     */
    public static TrainingResult resume(RunStore store, String reference, TrainingData data, ProgressView view) {
        return resume(store, reference, data, view, EpochGate.ALWAYS);
    }

    /** {@link #resume(RunStore, String, TrainingData, ProgressView)}, asking {@code gate} after each epoch whether to go on. */
    public static TrainingResult resume(
            RunStore store, String reference, TrainingData data, ProgressView view, EpochGate gate) {
        RunRecord record = store.find(reference);
        TrainSpec spec = specOf(record);
        Run run = store.reopen(record);
        return execute(run, spec, data, view, gate, true, history(store.metrics(record.id())));
    }

    /** Whether the run {@code runId} has a checkpoint to resume from (a run killed in its first epoch has none). */
    public static boolean canResume(String runId) {
        return checkpointsOf(runId).find(Checkpoints.LAST) != null;
    }

    /**
     * The folder of the weights a finished run ended with ({@code model-0000.params} and {@code architecture.json}): its best
     * checkpoint when it restored the best, else its last.
     */
    public static Path finalWeights(RunRecord record) {
        Checkpoints checkpoints = checkpointsOf(record.id());
        Path best = checkpoints.find(Checkpoints.BEST);
        boolean restoreBest = Boolean.parseBoolean(record.params().getOrDefault("restore_best", "true"));
        Path folder = restoreBest && best != null ? best : checkpoints.find(Checkpoints.LAST);
        if (folder == null) {
            throw new TrainingException(
                    "Run " + record.id() + " (" + record.name() + ") has no checkpoint in " + checkpoints.directory()
                            + ": its weights are not on this machine. Use the LEPTON_HOME it trained under, or train it again.");
        }
        return folder;
    }

    private static Checkpoints checkpointsOf(String runId) {
        return new Checkpoints(Settings.HOME.get().resolve("checkpoints").resolve(runId));
    }

    /** The spec a run recorded, read back from its parameters (YAML gives each its type again). */
    static TrainSpec specOf(RunRecord record) {
        String yaml = record.params().entrySet().stream()
                .filter(param -> TrainSpec.hyperparameters().contains(param.getKey()))
                .map(param -> param.getKey() + ": "
                        + (param.getKey().equals("pretrained")
                                        || param.getKey().equals("device")
                                        || param.getKey().equals("monitor")
                                ? "'" + param.getValue() + "'"
                                : param.getValue()))
                .collect(Collectors.joining("\n"));
        return SpecYaml.parse(yaml);
    }

    /** Each epoch-level metric's values in epoch order (per-step losses are not per epoch). */
    private static Map<String, List<Double>> history(List<MetricPoint> points) {
        Map<String, List<Double>> history = MetricPoint.byEpoch(points);
        history.remove("step_loss");
        return history;
    }

    private static TrainingResult execute(
            Run run,
            TrainSpec spec,
            TrainingData data,
            ProgressView view,
            EpochGate gate,
            boolean resume,
            Map<String, List<Double>> history) {
        ZooModel<NDList, NDList> pretrained = null;
        Model model = null;
        try (view) {
            Device device = Devices.select(spec.device(), System.out::println);
            run.environment(environment(device));
            Engine.getInstance().setRandomSeed((int) spec.seed());
            model = Model.newInstance(run.name(), device, "PyTorch");
            Architecture architecture;
            FineTuning fineTuning;
            Block backbone = null;
            if (spec.pretrained() == null) {
                architecture = architectureOf(spec, data.rowShape(), data.outputs());
                model.setBlock(architecture.newBlock());
                fineTuning = FineTuning.none();
            } else {
                pretrained = Pretrained.load(spec.pretrained(), device);
                Architecture base = Pretrained.architecture(pretrained);
                if (!java.util.Arrays.equals(base.input(), data.rowShape())) {
                    throw new TrainingException(
                            "The pretrained model takes rows of shape " + java.util.Arrays.toString(base.input())
                                    + ", but the data's rows have shape " + java.util.Arrays.toString(data.rowShape())
                                    + ". Prepare the data to the model's input (same image size and channels), or train from scratch.");
                }
                architecture =
                        new Architecture(base.family(), base.input(), base.hidden(), data.outputs(), base.dropout());
                backbone = ((SequentialBlock) pretrained.getBlock())
                        .getChildren()
                        .get(0)
                        .getValue();
                for (Parameter parameter : backbone.getParameters().values()) {
                    parameter.getArray().attach(model.getNDManager()); // the pretrained model is closed after training
                }
                model.setBlock(new SequentialBlock().add(backbone).add(Architecture.head(data.outputs())));
                fineTuning = FineTuning.of(backbone, spec);
                run.tag("fine_tuning", fineTuning.describe());
            }
            Loss loss = data.task() == Task.CLASSIFICATION ? Loss.softmaxCrossEntropyLoss() : Loss.l2Loss();
            BatchDataset batches = TrainingLoop.trainingBatches(spec, data);
            StatefulOptimizer optimizer = StatefulOptimizer.of(spec, Schedule.of(spec, batches.batchCount()));
            if (backbone != null) {
                optimizer.backboneGroup(backbone.getParameters().values().stream()
                        .map(Parameter::getId)
                        .collect(Collectors.toSet()));
            }
            optimizer.nameParameters(model.getBlock());
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(loss).optOptimizer(optimizer).optDevices(new Device[] {device});
            Checkpoints checkpoints = checkpointsOf(run.id());
            // loaded before the trainer exists: the trainer's parameter store keeps the arrays it first sees
            Checkpoints.State resumed =
                    resume ? checkpoints.load(Checkpoints.LAST, model, optimizer, model.getNDManager()) : null;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(architecture.inputShape(1));
                TrainingLoop loop = new TrainingLoop(
                        spec,
                        data,
                        batches,
                        model,
                        architecture,
                        trainer,
                        loss,
                        optimizer,
                        checkpoints,
                        run,
                        view,
                        fineTuning,
                        gate);
                if (resumed != null) {
                    loop.resumeFrom(resumed, history);
                }
                TrainingLoop.Outcome outcome;
                try {
                    outcome = loop.run();
                } catch (TrainingLoop.NonFiniteLoss e) {
                    loop.show("failed");
                    run.tag("failure", e.getMessage());
                    run.finish(RunStatus.FAILED);
                    throw new TrainingException("Run " + run.id() + " FAILED: " + e.getMessage() + " (learning rate "
                            + optimizer.currentRate() + "). "
                            + (checkpoints.find(Checkpoints.LAST) == null
                                    ? "No epoch had finished."
                                    : "The last good checkpoint (epoch " + loop.epoch() + ") is kept in "
                                            + checkpoints.directory() + ".")
                            + " Lower lr, or set clip.");
                }
                // an interrupted run keeps its current weights: the user is waiting, and resuming reads the checkpoint
                // anyway
                if (spec.restoreBest()
                        && outcome != TrainingLoop.Outcome.INTERRUPTED
                        && checkpoints.find(Checkpoints.BEST) != null) {
                    checkpoints.loadParameters(Checkpoints.BEST, model);
                }
                Path best = checkpoints.find(Checkpoints.BEST);
                if (best != null) {
                    run.artifact("checkpoints/best/model-0000.params", best.resolve("model-0000.params"));
                }
                RunStatus status = switch (outcome) {
                    case INTERRUPTED -> RunStatus.INTERRUPTED;
                    case PRUNED -> RunStatus.PRUNED;
                    case FINISHED, STOPPED_EARLY -> RunStatus.FINISHED;
                };
                run.tag("outcome", outcome.name().toLowerCase().replace('_', ' '));
                run.finish(status);
                loop.show(
                        switch (outcome) {
                            case FINISHED -> "finished";
                            case STOPPED_EARLY -> "stopped early";
                            case PRUNED -> "pruned";
                            case INTERRUPTED -> "interrupted";
                        });
                if (outcome == TrainingLoop.Outcome.INTERRUPTED) {
                    System.out.println("Run " + run.id() + " INTERRUPTED after " + loop.epoch()
                            + " epoch(s); its checkpoint is kept in "
                            + checkpoints.directory() + ". Resume with Lepton.resume(\"" + run.id()
                            + "\") or %%lepton train --resume "
                            + run.id() + ".");
                }
                return new TrainingResult(
                        run.id(),
                        status,
                        loop.epoch(),
                        loop.stopping().bestEpoch(),
                        loop.bestMetrics(),
                        model,
                        checkpoints.directory());
            }
        } catch (RuntimeException e) {
            if (run.status() == RunStatus.RUNNING) {
                run.tag("failure", String.valueOf(e.getMessage())); // the run says why it failed, wherever it is read
            }
            run.close(); // FAILED unless it finished; what it logged stays
            if (model != null) {
                model.close();
            }
            throw e;
        } finally {
            if (pretrained != null) {
                pretrained.close();
            }
        }
    }

    private static Architecture architectureOf(TrainSpec spec, long[] input, int outputs) {
        if (spec.model().equals("cnn") && input.length != 3) {
            throw new TrainingException(
                    "model: cnn needs images, rows of shape (channels, height, width), but the data's rows have shape "
                            + java.util.Arrays.toString(input)
                            + ". Use model: mlp for tabular data, or train on an ImageSet.");
        }
        return new Architecture(spec.model(), input, spec.hidden(), outputs, spec.dropout());
    }

    private static Map<String, Object> environment(Device device) {
        Map<String, Object> facts =
                new LinkedHashMap<>(RunEnvironment.capture(Path.of("").toAbsolutePath()));
        Engine engine = Engine.getInstance();
        facts.put("engine", engine.getEngineName() + " " + engine.getVersion());
        facts.put("device", device.toString());
        facts.put("gpu_count", engine.getGpuCount());
        if (device.isGpu()) {
            facts.put("cuda", ai.djl.util.cuda.CudaUtils.getCudaVersionString());
            facts.put("gpu_compute_capability", ai.djl.util.cuda.CudaUtils.getComputeCapability(device.getDeviceId()));
            facts.put(
                    "gpu_memory_bytes",
                    ai.djl.util.cuda.CudaUtils.getGpuMemory(device).getMax());
        }
        return facts;
    }
}
