package ai.lepton.train;

import ai.djl.Model;
import ai.lepton.track.RunStatus;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a run ended and the model it produced: what the training loop returns ({@code Lepton.train} hands it to a
 * notebook inside an {@code ai.lepton.Run}). The model holds native memory: close the result (or the next training
 * does not need it) when done with it.
 *
 * @param runId       the tracked run
 * @param status      FINISHED or INTERRUPTED (failures throw)
 * @param epochs      epochs trained
 * @param bestEpoch   the epoch whose weights the model has when restoring the best
 * @param metrics     the best epoch's validation metrics
 * @param model       the trained model
 * @param checkpoints the run's checkpoint folder
 */
public record TrainingResult(
        String runId,
        RunStatus status,
        int epochs,
        int bestEpoch,
        Map<String, Double> metrics,
        Model model,
        Path checkpoints)
        implements AutoCloseable {

    public TrainingResult {
        metrics = Map.copyOf(metrics);
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return "run " + runId + " " + status + " after " + epochs + " epochs; best epoch " + bestEpoch + ": " + metrics;
    }
}
