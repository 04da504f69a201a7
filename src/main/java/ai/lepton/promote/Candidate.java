package ai.lepton.promote;

import ai.lepton.evaluate.RunModel;

import java.util.Map;

/**
 * What a promotion packages: a run's model under a name and version, with what it scored on its held-out rows and how
 * much each input mattered there. The artifact's manifest and model card are written from it.
 *
 * @param name        the model's name in the registry
 * @param version     the version it is registered as
 * @param model       the run's model, its preparation and held-out rows
 * @param testMetrics the packaged model's metrics on the held-out rows (the compressed one's, when compressed)
 * @param importance  permutation feature importance on the held-out rows
 * @param compression the weights at a smaller precision and what that cost; null to keep them as trained
 */
record Candidate(
        String name,
        String version,
        RunModel model,
        Map<String, Double> testMetrics,
        Map<String, Double> importance,
        Compression compression) {}
