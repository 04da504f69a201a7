package ai.lepton.train;

import ai.djl.Model;
import ai.lepton.track.RunStatus;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

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

    /** "run 9a51e9 FINISHED after 4 epochs; best epoch 3: loss 0.2713 · val_accuracy 0.8958", as the live view rounds. */
    @Override
    public String toString() {
        String shown = new TreeMap<>(metrics)
                .entrySet().stream()
                        .map(metric -> String.format(Locale.ROOT, "%s %.4f", metric.getKey(), metric.getValue()))
                        .collect(Collectors.joining(" · "));
        return "run " + runId + " " + status + " after " + epochs + " epochs; best epoch " + bestEpoch + ": " + shown;
    }
}
