package ai.lepton.promote;

import ai.lepton.data.prepare.ModelInput;
import ai.lepton.evaluate.HeldOutEvaluation;
import ai.lepton.evaluate.RunModel;
import ai.lepton.evaluate.TrainedModel;
import ai.lepton.runtime.weights.Precision;
import ai.lepton.runtime.weights.Quantization;
import ai.lepton.runtime.weights.Tensor;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * A run's weights stored at a smaller precision, and what that costs: the compressed network (dequantized exactly as the
 * runtime will) is evaluated on the held-out rows beside the run's own, and refused when it loses more than the
 * tolerance on the headline metric. The gate then holds the artifact to the compressed network's outputs.
 *
 * @param precision  int8 or fp16
 * @param weights    the compressed weights (safetensors), the artifact's {@code model/weights.safetensors}
 * @param evaluation the compressed network on the held-out rows
 * @param cost       accuracy lost (a fraction) or RMSE's relative rise; negative when compression did better
 * @param fullBytes  the size of the same weights at fp32
 */
record Compression(Precision precision, byte[] weights, HeldOutEvaluation evaluation, double cost, long fullBytes) {

    /** Compresses {@code model}'s weights to {@code precision} and measures it; refused beyond {@code tolerance}. */
    static Compression measure(RunModel model, Precision precision, double tolerance) {
        TrainedModel full = model.trained();
        Map<String, Tensor> weights = full.weights();
        long fullBytes = weights.values().stream()
                .mapToLong(tensor -> 4L * tensor.values().length)
                .sum();
        byte[] packed = Quantization.pack(weights, precision);
        HeldOutEvaluation evaluation;
        try (TrainedModel compressed = full.withWeights(Quantization.unpack(packed, precision.label() + " weights"))) {
            evaluation = model.evaluate(compressed);
        } catch (IOException e) {
            throw new IllegalStateException("weights just packed in memory read back", e);
        }
        ModelInput input = model.input();
        Compression compression =
                new Compression(precision, packed, evaluation, cost(input, model.evaluation(), evaluation), fullBytes);
        if (compression.cost() > tolerance) {
            throw new PromotionException("Promotion refused: " + compression.describe(input, model.evaluation())
                    + ", more than the tolerance " + tolerance + ". Nothing was registered. Promote with a larger"
                    + " --tolerance (optTolerance), another --quantize, or none.");
        }
        return compression;
    }

    /** What the headline metric lost: accuracy points as a fraction, or RMSE's relative rise. */
    static double cost(ModelInput input, HeldOutEvaluation full, HeldOutEvaluation compressed) {
        String metric = HeldOutEvaluation.headline(input);
        double before = full.metrics().get(metric);
        double after = compressed.metrics().get(metric);
        return HeldOutEvaluation.higherIsBetter(input) ? before - after : (after - before) / before;
    }

    /** "int8 weights: test_accuracy 0.8507 → 0.8433 (cost 0.0074)". */
    String describe(ModelInput input, HeldOutEvaluation full) {
        String metric = HeldOutEvaluation.headline(input);
        return String.format(
                Locale.ROOT,
                "%s weights: %s %.4f → %.4f (cost %.4f; %s)",
                precision.label(),
                metric,
                full.metrics().get(metric),
                evaluation.metrics().get(metric),
                cost,
                HeldOutEvaluation.higherIsBetter(input) ? "accuracy lost" : "relative rise");
    }
}
