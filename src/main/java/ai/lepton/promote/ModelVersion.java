package ai.lepton.promote;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * One registered version of a model, as its {@code entry.json} records it.
 *
 * @param name       the model's name
 * @param version    its semantic version
 * @param created    when it was promoted
 * @param runId      the run it was promoted from
 * @param runName    that run's name
 * @param sha256     the artifact file's SHA-256
 * @param bytes      the artifact's size
 * @param metrics    the test metrics the promotion gate confirmed
 * @param promotedBy the user who promoted it
 * @param artifact   the artifact file in the registry
 */
public record ModelVersion(
        String name,
        String version,
        Instant created,
        String runId,
        String runName,
        String sha256,
        long bytes,
        Map<String, Double> metrics,
        String promotedBy,
        Path artifact) {

    public ModelVersion {
        metrics = Map.copyOf(metrics);
    }

    /** {@code name:version}. */
    public String reference() {
        return name + ":" + version;
    }
}
