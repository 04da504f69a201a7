package ai.lepton.promote;

import java.util.Locale;
import java.util.Map;

/**
 * A successful promotion.
 *
 * @param model       the registered version
 * @param gate        what the gate checked
 * @param importance  permutation feature importance on the held-out rows, largest first
 * @param alias       the alias moved to it, or null
 * @param publishedTo the Maven coordinates' repository, or null
 * @param compression what compressing the weights cost on the held-out rows, or null when they are as trained
 */
public record Promoted(
        ModelVersion model,
        GateReport gate,
        Map<String, Double> importance,
        String alias,
        String publishedTo,
        String compression) {

    @Override
    public String toString() {
        return "Promoted run " + model.runId() + " as " + model.reference() + (alias == null ? "" : " (" + alias + ")")
                + ": "
                + model.artifact() + "; the gate reproduced " + gate.rows() + " held-out predictions (max difference "
                + String.format(Locale.ROOT, "%.2g", gate.maxDifference()) + ") and " + model.metrics()
                + (compression == null ? "" : "; " + compression)
                + (publishedTo == null
                        ? ""
                        : "; published as ai.lepton.models:" + model.name() + ":" + model.version() + " to "
                                + publishedTo);
    }
}
