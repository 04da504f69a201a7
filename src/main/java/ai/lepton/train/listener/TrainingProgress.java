package ai.lepton.train.listener;

import ai.lepton.track.Metric;

import java.util.List;
import java.util.Map;

/**
 * Where a training run stands, for a progress view.
 *
 * @param runId            the tracked run
 * @param runName          its name
 * @param status           "training", "finished", "stopped early", "interrupted" or "failed"
 * @param epoch            the epoch in progress (1-based)
 * @param epochs           the most epochs the run will train
 * @param step             optimizer steps so far
 * @param stepsPerEpoch    steps in one epoch
 * @param samplesPerSecond training throughput of the current epoch
 * @param etaSeconds       estimated seconds left, NaN before it can be estimated
 * @param learningRate     the current learning rate
 * @param loss             the latest training loss
 * @param stepLosses       training loss by step, as (step, loss) pairs
 * @param epochMetrics     each epoch's metrics by name (loss, val_loss, val_accuracy, ...), one value per epoch
 */
public record TrainingProgress(
        String runId,
        String runName,
        String status,
        int epoch,
        int epochs,
        long step,
        int stepsPerEpoch,
        double samplesPerSecond,
        double etaSeconds,
        double learningRate,
        double loss,
        List<double[]> stepLosses,
        Map<String, List<Double>> epochMetrics) {

    public TrainingProgress {
        stepLosses = List.copyOf(stepLosses);
        epochMetrics = Map.copyOf(epochMetrics);
    }

    /** Epochs completed so far: each finished epoch adds one training-loss value. */
    public int finishedEpochs() {
        return epochMetrics.getOrDefault(Metric.LOSS.name(), List.of()).size();
    }

    /** One line: "epoch 3/20 · step 120 · loss 0.4213 · val_accuracy 0.8812 · 5,210 samples/s · ETA 12 s". */
    public String summary() {
        StringBuilder line = new StringBuilder(
                runName + " (" + runId + ") " + status + " · epoch " + epoch + "/" + epochs + " · step " + step);
        if (!Double.isNaN(loss)) {
            line.append(String.format(" · loss %.4f", loss));
        }
        epochMetrics.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(Metric.VALIDATION)
                        && !entry.getValue().isEmpty())
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> line.append(String.format(
                        " · %s %.4f", entry.getKey(), entry.getValue().getLast())));
        if (samplesPerSecond > 0) {
            line.append(String.format(" · %,.0f samples/s", samplesPerSecond));
        }
        if (!Double.isNaN(etaSeconds) && status.equals("training")) {
            line.append(String.format(" · ETA %.0f s", etaSeconds));
        }
        return line.toString();
    }
}
