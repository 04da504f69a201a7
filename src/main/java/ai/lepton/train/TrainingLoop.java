package ai.lepton.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.lepton.data.BatchDataset;
import ai.lepton.data.Task;
import ai.lepton.runtime.Architecture;
import ai.lepton.track.Run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The epochs and batches of one run over DJL's {@link Trainer}: forward, loss, backward, step. Losses stay
 * on the device and are read back a few times a second, never per batch; validation runs each epoch;
 * early stopping, checkpoints and the progress view follow each epoch. A thread interrupt (a Jupyter
 * interrupt) ends the loop at the next batch.
 */
final class TrainingLoop {

    /** How often the host reads the losses back and refreshes the view: at most 4 times a second. */
    private static final long SYNC_NANOS = 250_000_000L;
    /** At most this many (step, loss) points are kept for the live curve; older ones are thinned. */
    private static final int CURVE_POINTS = 2_000;

    enum Outcome {
        FINISHED,
        STOPPED_EARLY,
        PRUNED,
        INTERRUPTED
    }

    private final TrainSpec spec;
    private final TrainingData data;
    private final Model model;
    private final Architecture architecture;
    private final Trainer trainer;
    private final Loss loss;
    private final StatefulOptimizer optimizer;
    private final Checkpoints checkpoints;
    private final Run run;
    private final ProgressView view;
    private final FineTuning fineTuning;
    private final EpochGate gate;
    private final EarlyStopping stopping;
    private final BatchDataset training;
    private final BatchDataset validation;
    private final Map<String, List<Double>> epochMetrics = new LinkedHashMap<>();
    private final List<double[]> curve = new ArrayList<>();
    private int epoch;
    private int step;
    private double lastLoss = Double.NaN;
    private double samplesPerSecond;
    private double etaSeconds = Double.NaN;

    /** {@code training}: the batches from {@link #trainingBatches}, whose count the optimizer's schedule was made with. */
    TrainingLoop(
            TrainSpec spec,
            TrainingData data,
            BatchDataset training,
            Model model,
            Architecture architecture,
            Trainer trainer,
            Loss loss,
            StatefulOptimizer optimizer,
            Checkpoints checkpoints,
            Run run,
            ProgressView view,
            FineTuning fineTuning,
            EpochGate gate) {
        this.spec = spec;
        this.data = data;
        this.model = model;
        this.architecture = architecture;
        this.trainer = trainer;
        this.loss = loss;
        this.optimizer = optimizer;
        this.checkpoints = checkpoints;
        this.run = run;
        this.view = view;
        this.fineTuning = fineTuning;
        this.gate = gate;
        this.stopping = new EarlyStopping(spec);
        this.training = training;
        this.validation = data.validation().rows() == 0
                ? null
                : BatchDataset.builder(data.validation(), data.task())
                        .optBatchSize(Math.max(spec.batch(), 256))
                        .optRowShape(data.rowShape())
                        .build();
    }

    /** A run's training batches: shuffled per epoch from the run's seed, the next one gathered while one trains. */
    static BatchDataset trainingBatches(TrainSpec spec, TrainingData data) {
        return BatchDataset.builder(data.train(), data.task())
                .optBatchSize(spec.batch())
                .optShuffle(spec.seed())
                .optRowShape(data.rowShape())
                .optPrefetch(true)
                .build();
    }

    /** Continues after the epoch a checkpoint ended. */
    void resumeFrom(Checkpoints.State state, Map<String, List<Double>> history) {
        epoch = state.epoch();
        step = state.step();
        stopping.restore(state);
        history.forEach((name, values) ->
                epochMetrics.put(name, new ArrayList<>(values.subList(0, Math.min(values.size(), epoch)))));
    }

    int stepsPerEpoch() {
        return training.batchCount();
    }

    EarlyStopping stopping() {
        return stopping;
    }

    int epoch() {
        return epoch;
    }

    Map<String, Double> bestMetrics() {
        Map<String, Double> best = new LinkedHashMap<>();
        int index = stopping.bestEpoch() - 1;
        epochMetrics.forEach((name, values) -> {
            if (index >= 0 && index < values.size()) {
                best.put(name, values.get(index));
            }
        });
        return best;
    }

    Outcome run() {
        // PyTorch's grad mode is per thread and on by default; each notebook cell may run on a new thread, and the
        // optimizer's in-place updates outside a gradient collector need it off (DJL turns it off only where the engine
        // loaded)
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        while (epoch < spec.epochs()) {
            int current = epoch + 1;
            // each epoch draws dropout masks and batch order from its own seed: a resumed run repeats them exactly
            Engine.getInstance().setRandomSeed((int) (spec.seed() + current));
            fineTuning.beforeEpoch(current);
            boolean completed = trainEpoch(current);
            if (!completed) {
                return Outcome.INTERRUPTED;
            }
            epoch = current;
            Map<String, Double> metrics = validate();
            metrics.forEach((name, value) -> {
                epochMetrics.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
                run.metric(name, value, step, current);
            });
            run.flush();
            boolean best = stopping.record(current, metrics.get(monitorName()));
            Checkpoints.State state =
                    new Checkpoints.State(current, step, stopping.best(), stopping.bestEpoch(), stopping.sinceBest());
            if (best) {
                checkpoints.save(Checkpoints.BEST, model, architecture, optimizer, state);
            }
            if (current % spec.checkpointEvery() == 0 || current == spec.epochs() || stopping.shouldStop()) {
                checkpoints.save(Checkpoints.LAST, model, architecture, optimizer, state);
            }
            show("training");
            if (stopping.shouldStop()) {
                return Outcome.STOPPED_EARLY;
            }
            if (!gate.keepGoing(current, lastEpochMetrics())) {
                return Outcome.PRUNED;
            }
        }
        return Outcome.FINISHED;
    }

    /** Each metric's value in the last finished epoch. */
    private Map<String, Double> lastEpochMetrics() {
        Map<String, Double> last = new LinkedHashMap<>();
        epochMetrics.forEach((name, values) -> last.put(name, values.getLast()));
        return last;
    }

    /** The metric early stopping follows; without validation rows, the training loss. */
    String monitorName() {
        return validation == null ? "loss" : spec.monitor();
    }

    /** Trains one epoch; false when interrupted. */
    private boolean trainEpoch(int current) {
        long started = System.nanoTime();
        long lastSync = started;
        int rows = 0;
        int firstStep = step;
        double lossSum = 0;
        double correctSum = 0;
        try (NDManager epochScope = trainer.getManager().newSubManager();
                DeviceSums losses = new DeviceSums(epochScope);
                DeviceSums correct = new DeviceSums(epochScope)) {
            for (Batch batch : training.epochData(epochScope, current - 1)) {
                try (batch) {
                    if (Thread.interrupted()) {
                        return false;
                    }
                    optimizer.atStep(step);
                    try (GradientCollector collector = new ThreadGradientCollector(model.getBlock())) {
                        NDList predictions = trainer.forward(batch.getData(), batch.getLabels());
                        NDArray value = loss.evaluate(batch.getLabels(), predictions);
                        collector.backward(value);
                        losses.add(value);
                        if (data.task() == Task.CLASSIFICATION) {
                            NDArray labels = batch.getLabels().singletonOrThrow();
                            correct.add(predictions
                                    .singletonOrThrow()
                                    .argMax(1)
                                    .toType(labels.getDataType(), false)
                                    .eq(labels)
                                    .sum());
                        }
                    }
                    trainer.step();
                    rows += batch.getSize();
                    step++;
                }
                long now = System.nanoTime();
                if (now - lastSync >= SYNC_NANOS) {
                    lossSum += record(losses.drain(), current);
                    correctSum += sum(correct.drain());
                    samplesPerSecond = rows / ((now - started) / 1e9);
                    int left = (spec.epochs() - current + 1) * stepsPerEpoch() - (step - firstStep);
                    etaSeconds = left * ((now - started) / 1e9) / Math.max(1, step - firstStep);
                    lastSync = now;
                    show("training");
                }
            }
            lossSum += record(losses.drain(), current);
            correctSum += sum(correct.drain());
            samplesPerSecond = rows / ((System.nanoTime() - started) / 1e9);
        }
        int batches = step - firstStep;
        epochMetrics.computeIfAbsent("loss", key -> new ArrayList<>()).add(lossSum / batches);
        run.metric("loss", lossSum / batches, step, current);
        if (data.task() == Task.CLASSIFICATION) {
            epochMetrics.computeIfAbsent("accuracy", key -> new ArrayList<>()).add(correctSum / rows);
            run.metric("accuracy", correctSum / rows, step, current);
        }
        return true;
    }

    /**
     * Logs per-step losses that end at the current step and returns their sum; a NaN stops the run with
     * the exact epoch and step where it appeared.
     */
    private double record(float[] values, int current) {
        double sum = 0;
        long first = step - values.length;
        for (int i = 0; i < values.length; i++) {
            long at = first + i + 1;
            if (!Float.isFinite(values[i])) {
                throw new NonFiniteLoss(current, at, values[i]);
            }
            sum += values[i];
            run.metric("step_loss", values[i], at, current);
            curve.add(new double[] {at, values[i]});
        }
        if (values.length > 0) {
            lastLoss = values[values.length - 1];
        }
        if (curve.size() > CURVE_POINTS) { // keep every other point: the curve's shape with bounded memory
            List<double[]> thinned = new ArrayList<>();
            for (int i = 0; i < curve.size(); i += 2) {
                thinned.add(curve.get(i));
            }
            curve.clear();
            curve.addAll(thinned);
        }
        return sum;
    }

    private static double sum(float[] values) {
        double total = 0;
        for (float value : values) {
            total += value;
        }
        return total;
    }

    /** Validation metrics for the epoch; empty without validation rows. */
    private Map<String, Double> validate() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (validation == null) {
            return metrics;
        }
        int rows = data.validation().rows();
        int outputs = data.outputs();
        float[] predictions = new float[rows * outputs];
        double lossSum = 0;
        int offset = 0;
        try (NDManager scope = trainer.getManager().newSubManager()) {
            for (Batch batch : validation.epochData(scope, 0)) {
                try (batch) {
                    NDList output = trainer.evaluate(batch.getData());
                    lossSum += loss.evaluate(batch.getLabels(), output).getFloat() * batch.getSize();
                    NDArray scores = data.task() == Task.CLASSIFICATION
                            ? output.singletonOrThrow().softmax(1)
                            : output.singletonOrThrow();
                    float[] values = scores.toFloatArray();
                    System.arraycopy(values, 0, predictions, offset, values.length);
                    offset += values.length;
                }
            }
        }
        metrics.put("val_loss", lossSum / rows);
        Map<String, Double> scores = data.task() == Task.CLASSIFICATION
                ? Scores.classification(predictions, data.validation().labels(), outputs)
                : Scores.regression(predictions, data.validation().labels());
        scores.forEach((name, value) -> metrics.put("val_" + name, value));
        return metrics;
    }

    void show(String status) {
        view.update(progress(status));
    }

    TrainingProgress progress(String status) {
        return new TrainingProgress(
                run.id(),
                run.name(),
                status,
                Math.min(epoch + 1, spec.epochs()),
                spec.epochs(),
                step,
                stepsPerEpoch(),
                samplesPerSecond,
                etaSeconds,
                optimizer.currentRate(),
                lastLoss,
                curve,
                epochMetrics);
    }

    Map<String, List<Double>> epochMetrics() {
        return epochMetrics;
    }

    /** A loss that is NaN or infinite: the run cannot go on. */
    static final class NonFiniteLoss extends RuntimeException {
        final int epoch;
        final long step;

        NonFiniteLoss(int epoch, long step, float value) {
            super("the training loss became " + value + " at epoch " + epoch + ", step " + step);
            this.epoch = epoch;
            this.step = step;
        }
    }
}
