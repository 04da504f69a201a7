package ai.lepton.train.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.lepton.data.Task;
import ai.lepton.data.batch.EpochBatches;
import ai.lepton.runtime.model.Factors;
import ai.lepton.track.Metric;
import ai.lepton.train.Scores;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingException;
import ai.lepton.train.listener.BestEpoch;
import ai.lepton.train.listener.EpochEnd;
import ai.lepton.train.listener.Listeners;
import ai.lepton.train.listener.TrainingListener;
import ai.lepton.train.listener.TrainingOutcome;
import ai.lepton.train.listener.TrainingProgress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The epochs and batches of one run over DJL's {@link Trainer}: forward, loss, backward, step. Losses stay on the device
 * and are read back a few times a second, never per batch; validation runs each epoch. Everything else — checkpoints,
 * early stopping, fine-tuning, metric logging, views, pruning — is a {@link TrainingListener}. A thread interrupt (a
 * Jupyter interrupt) ends the loop at the next batch.
 */
final class TrainingLoop {

    /** How often the host reads the losses back and tells the listeners: at most 4 times a second. */
    private static final long SYNC_NANOS = 250_000_000L;
    /** At most this many (step, loss) points are kept for the live curve; older ones are thinned. */
    private static final int CURVE_POINTS = 2_000;

    /**
     * What the loop drives: the trainer with its loss and optimizer, and the run's batches ({@code validation} null when
     * there are no validation rows).
     */
    record Parts(
            Trainer trainer, Loss loss, StatefulOptimizer optimizer, EpochBatches training, EpochBatches validation) {}

    private final String runId;
    private final String runName;
    private final TrainOptions options;
    private final TrainingData data;
    private final Parts parts;
    private final EpochBatches validation;
    private final TrainingListener listeners;
    private final BestEpoch best;
    private final Map<String, List<Double>> epochMetrics = new LinkedHashMap<>();
    private final List<double[]> curve = new ArrayList<>();
    private int epoch;
    private int step;
    private double lastLoss = Double.NaN;
    private double samplesPerSecond;
    private double etaSeconds = Double.NaN;

    /** {@code parts.training()}: the batches whose count the optimizer's schedule was made with. */
    TrainingLoop(
            String runId,
            String runName,
            TrainOptions options,
            TrainingData data,
            Parts parts,
            List<TrainingListener> listeners) {
        this.runId = runId;
        this.runName = runName;
        this.options = options;
        this.data = data;
        this.parts = parts;
        this.listeners = new Listeners(listeners);
        this.validation = parts.validation();
        // without validation rows the best epoch follows the training loss, in the loss's direction
        this.best = new BestEpoch(validation == null ? Metric.LOSS : options.monitor(), options.minDelta());
    }

    /** Optimizer steps per epoch: one per {@code accumulate} batches, and one for the epoch's remaining batches. */
    static int updatesPerEpoch(TrainOptions options, int batches) {
        return (batches + options.accumulate() - 1) / options.accumulate();
    }

    /** Continues after the epoch a checkpoint ended, with each epoch-level metric's values so far. */
    void resumeFrom(Checkpoints.State state, Map<String, List<Double>> history) {
        epoch = state.epoch();
        step = state.step();
        best.restore(state.best());
        history.forEach((name, values) ->
                epochMetrics.put(name, new ArrayList<>(values.subList(0, Math.min(values.size(), epoch)))));
    }

    int epoch() {
        return epoch;
    }

    int bestEpoch() {
        return best.state().epoch();
    }

    /** Each metric's value in the best epoch. */
    Map<String, Double> bestMetrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        int index = bestEpoch() - 1;
        epochMetrics.forEach((name, values) -> {
            if (index >= 0 && index < values.size()) {
                metrics.put(name, values.get(index));
            }
        });
        return metrics;
    }

    TrainingOutcome run() {
        // PyTorch's grad mode is per thread and on by default; each notebook cell may run on a new thread, and the
        // optimizer's in-place updates outside a gradient collector need it off (DJL turns it off only where the engine
        // loaded)
        JniUtils.setGradMode(false);
        while (epoch < options.epochs()) {
            int current = epoch + 1;
            // each epoch draws dropout masks and batch order from its own seed: a resumed run repeats them exactly
            Engine.getInstance().setRandomSeed((int) (options.seed() + current));
            listeners.onEpochStart(current);
            Map<String, Double> metrics = trainEpoch(current);
            if (metrics == null) {
                return TrainingOutcome.INTERRUPTED;
            }
            epoch = current;
            metrics.putAll(validate());
            metrics.forEach((name, value) ->
                    epochMetrics.computeIfAbsent(name, key -> new ArrayList<>()).add(value));
            BestEpoch.State standing = best.record(current, followed(metrics));
            TrainingListener.Decision decision =
                    listeners.onEpochEnd(new EpochEnd(current, options.epochs(), step, metrics, standing));
            listeners.onProgress(progress("training"));
            switch (decision) {
                case STOP_EARLY -> {
                    return TrainingOutcome.STOPPED_EARLY;
                }
                case PRUNE -> {
                    return TrainingOutcome.PRUNED;
                }
                case CONTINUE -> {}
            }
        }
        return TrainingOutcome.FINISHED;
    }

    /** Tells the listeners how training ended. */
    void end(TrainingOutcome outcome) {
        listeners.onEnd(outcome, progress(outcome.label()));
    }

    /** This epoch's value of the metric the best epoch follows; a monitor this run does not measure is refused. */
    private double followed(Map<String, Double> metrics) {
        Double value = metrics.get(best.followed().name());
        if (value == null) {
            throw new TrainingException("Hyperparameter 'monitor' is " + best.followed() + ", which a "
                    + data.task().name().toLowerCase(Locale.ROOT) + " run does not measure; it measures "
                    + String.join(", ", metrics.keySet()) + ". Set monitor to one of the val_ metrics.");
        }
        return value;
    }

    /** Trains one epoch and returns its training loss (and accuracy); null when interrupted. */
    private Map<String, Double> trainEpoch(int current) {
        long started = System.nanoTime();
        long lastSync = started;
        int rows = 0;
        int firstStep = step;
        double lossSum = 0;
        double correctSum = 0;
        try (NDManager epochScope = parts.trainer().getManager().newSubManager();
                DeviceSums losses = new DeviceSums(epochScope);
                DeviceSums correct = new DeviceSums(epochScope)) {
            int index = 0;
            int batches = parts.training().batchCount();
            int perUpdate = options.accumulate();
            for (Batch batch : parts.training().epochData(epochScope, current - 1)) {
                try (batch) {
                    if (Thread.interrupted()) {
                        return null;
                    }
                    // the last group of an epoch may hold fewer batches: its gradients are averaged over those
                    int group = Math.min(perUpdate, batches - index / perUpdate * perUpdate);
                    trainBatch(batch, losses, correct, group);
                    index++;
                    if (index % perUpdate == 0 || index == batches) {
                        step(batch, (current - 1) * updatesPerEpoch(options, batches) + (index - 1) / perUpdate);
                    }
                    rows += batch.getSize();
                    step++;
                }
                long now = System.nanoTime();
                if (now - lastSync >= SYNC_NANOS) {
                    lossSum += record(losses.drain(), current);
                    correctSum += sum(correct.drain());
                    samplesPerSecond = rows / ((now - started) / 1e9);
                    int left =
                            (options.epochs() - current + 1) * parts.training().batchCount() - (step - firstStep);
                    etaSeconds = left * ((now - started) / 1e9) / Math.max(1, step - firstStep);
                    lastSync = now;
                    listeners.onProgress(progress("training"));
                }
            }
            lossSum += record(losses.drain(), current);
            correctSum += sum(correct.drain());
            samplesPerSecond = rows / ((System.nanoTime() - started) / 1e9);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(Metric.LOSS.name(), lossSum / (step - firstStep));
        if (data.task() == Task.CLASSIFICATION) {
            metrics.put(Metric.ACCURACY.name(), correctSum / rows);
        }
        return metrics;
    }

    /** Forward and backward for one batch; its gradients add to those of the other {@code group - 1} of its step. */
    private void trainBatch(Batch batch, DeviceSums losses, DeviceSums correct, int group) {
        try (GradientCollector collector =
                new ThreadGradientCollector(parts.trainer().getModel().getBlock())) {
            NDList predictions = parts.trainer().forward(batch.getData(), batch.getLabels());
            NDArray value = parts.loss().evaluate(batch.getLabels(), predictions);
            collector.backward(group == 1 ? value : Factors.dividedBy(value, group));
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
    }

    /** One optimizer step, number {@code update} of the run, which the learning-rate schedule follows. */
    private void step(Batch batch, int update) {
        if (options.clipNorm() > 0) {
            GradientClipping.toNorm(
                    parts.trainer().getModel().getBlock(), (float) options.clipNorm(), batch.getManager());
        }
        parts.optimizer().atStep(update);
        parts.trainer().step();
    }

    /**
     * Hands the per-step losses that end at the current step to the listeners and returns their sum; a NaN stops the
     * run with the exact epoch and step where it appeared.
     */
    private double record(float[] values, int current) {
        double sum = 0;
        long first = step - values.length + 1;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new NonFiniteLoss(current, first + i, values[i]);
            }
            sum += values[i];
            curve.add(new double[] {first + i, values[i]});
        }
        if (values.length > 0) {
            listeners.onSteps(current, first, values);
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
        try (NDManager scope = parts.trainer().getManager().newSubManager()) {
            for (Batch batch : validation.epochData(scope, 0)) {
                try (batch) {
                    NDList output = parts.trainer().evaluate(batch.getData());
                    lossSum += parts.loss().evaluate(batch.getLabels(), output).getFloat() * batch.getSize();
                    NDArray scores = data.task() == Task.CLASSIFICATION
                            ? output.singletonOrThrow().softmax(1)
                            : output.singletonOrThrow();
                    float[] values = scores.toFloatArray();
                    System.arraycopy(values, 0, predictions, offset, values.length);
                    offset += values.length;
                }
            }
        }
        metrics.put(Metric.VAL_LOSS.name(), lossSum / rows);
        Map<String, Double> scores = data.task() == Task.CLASSIFICATION
                ? Scores.classification(predictions, data.validation().labels(), outputs)
                : Scores.regression(predictions, data.validation().labels());
        scores.forEach((name, value) -> metrics.put(Metric.VALIDATION + name, value));
        return metrics;
    }

    TrainingProgress progress(String status) {
        return new TrainingProgress(
                runId,
                runName,
                status,
                // while training, the epoch in progress; once ended, the epochs done (as the run's result counts them)
                status.equals("training") ? Math.min(epoch + 1, options.epochs()) : epoch,
                options.epochs(),
                step,
                parts.training().batchCount(),
                samplesPerSecond,
                etaSeconds,
                parts.optimizer().currentRate(),
                lastLoss,
                curve,
                epochMetrics);
    }

    /** A loss that is NaN or infinite: the run cannot go on. */
    static final class NonFiniteLoss extends RuntimeException {

        NonFiniteLoss(int epoch, long step, float value) {
            super("the training loss became " + value + " at epoch " + epoch + ", step " + step);
        }
    }
}
