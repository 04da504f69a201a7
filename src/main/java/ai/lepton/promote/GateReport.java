package ai.lepton.promote;

import java.util.Map;

/**
 * What the promotion gate found: the packaged model, loaded in a fresh JVM, against the run's model.
 *
 * @param rows          held-out rows compared
 * @param maxDifference the largest difference in any output (probability or value)
 * @param metrics       the test metrics of the packaged model's predictions
 * @param seconds       how long the fresh runtime took, start to finish
 */
public record GateReport(int rows, double maxDifference, Map<String, Double> metrics, double seconds) {

    public GateReport {
        metrics = Map.copyOf(metrics);
    }
}
