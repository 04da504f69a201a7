package ai.lepton.promote;

import ai.lepton.base.JvmOptions;
import ai.lepton.data.Task;
import ai.lepton.data.prepare.ModelInput;
import ai.lepton.evaluate.HeldOutEvaluation;
import ai.lepton.runtime.cli.RuntimeMain;
import com.google.gson.Gson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gate between a run and the registry: the packaged artifact is loaded in a fresh JVM by the runtime
 * alone (nothing of this session: no store, no checkpoint, no preparation object), predicts the run's
 * held-out raw rows, and must reproduce the run's model's outputs and test metrics. Otherwise promotion
 * refuses, showing where they differ.
 */
final class PromotionGate {

    /** Outputs may differ by float rounding between two processes, never by more. */
    static final double OUTPUT_TOLERANCE = 1e-5;

    static final double METRIC_TOLERANCE = 1e-6;
    private static final long TIMEOUT_SECONDS = 300;
    private static final Gson GSON = new Gson();

    private PromotionGate() {}

    static GateReport check(Path artifact, Path rowsFile, ModelInput input, HeldOutEvaluation reference) {
        long start = System.nanoTime();
        List<Map<String, Object>> predictions = predictInFreshJvm(artifact, rowsFile);
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean classification = input.task() == Task.CLASSIFICATION;
        int classes = classification ? input.labels().size() : 1;
        int rows = reference.labels().length;
        if (predictions.size() != rows) {
            throw refused("the runtime gave " + predictions.size() + " predictions for " + rows + " held-out rows");
        }
        float[] outputs = new float[rows * classes];
        double maxDifference = 0;
        for (int row = 0; row < rows; row++) {
            Map<String, Object> prediction = predictions.get(row);
            for (int k = 0; k < classes; k++) {
                double value = classification
                        ? ((Number) ((Map<?, ?>) prediction.get("probabilities"))
                                        .get(input.labels().get(k)))
                                .doubleValue()
                        : ((Number) prediction.get("value")).doubleValue();
                outputs[row * classes + k] = (float) value;
                double expected = reference.outputs()[row * classes + k];
                double difference = Math.abs(value - expected);
                maxDifference = Math.max(maxDifference, difference);
                if (!(difference <= OUTPUT_TOLERANCE * Math.max(1, Math.abs(expected)))) {
                    throw refused("held-out row " + row + ": the run's model gives "
                            + (classification ? "P(" + input.labels().get(k) + ") = " : "") + expected
                            + ", the packaged model " + value + " (difference " + difference + ", tolerance "
                            + OUTPUT_TOLERANCE + ")");
                }
            }
        }
        Map<String, Double> metrics = HeldOutEvaluation.score(input, outputs, reference.labels());
        for (Map.Entry<String, Double> metric : reference.metrics().entrySet()) {
            double got = metrics.get(metric.getKey());
            if (!(Math.abs(got - metric.getValue()) <= METRIC_TOLERANCE)
                    && !(Double.isNaN(got) && Double.isNaN(metric.getValue()))) {
                throw refused(metric.getKey() + " is " + metric.getValue() + " for the run's model but " + got
                        + " for the packaged model");
            }
        }
        return new GateReport(rows, maxDifference, metrics, seconds);
    }

    private static List<Map<String, Object>> predictInFreshJvm(Path artifact, Path rowsFile) {
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("lepton-gate-", ".jsonl");
            List<String> command = new ArrayList<>(JvmOptions.javaCommand());
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    RuntimeMain.class.getName(),
                    "predict",
                    artifact.toString(),
                    "--input",
                    rowsFile.toString(),
                    "--output",
                    output.toString()));
            Path log = Files.createTempFile("lepton-gate-", ".log");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw refused("the fresh runtime did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String said = Files.readString(log).strip();
            Files.deleteIfExists(log);
            if (process.exitValue() != 0) {
                throw refused("the fresh runtime could not load or run the artifact: " + said);
            }
            List<Map<String, Object>> predictions = new ArrayList<>();
            for (String line : Files.readAllLines(output)) {
                if (!line.isBlank()) {
                    predictions.add(GSON.fromJson(line, Map.class));
                }
            }
            return predictions;
        } catch (IOException e) {
            throw new PromotionException("Cannot run the promotion gate's fresh runtime: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PromotionException("Promotion was interrupted during its gate; nothing was registered.", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private static PromotionException refused(String difference) {
        return new PromotionException(
                "Promotion refused by the gate: " + difference.replaceAll("\\.$", "")
                        + ". The packaged model does not reproduce the run's"
                        + " model, so nothing was registered. Report this with the run id; it means the artifact or runtime lost something.");
    }
}
