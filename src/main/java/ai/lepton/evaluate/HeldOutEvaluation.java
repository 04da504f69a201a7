package ai.lepton.evaluate;

import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.data.prepare.ModelInput;
import ai.lepton.train.Scores;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a model does on held-out raw rows: its outputs for each row and the test metrics
 * ({@code test_accuracy}, {@code test_f1}, {@code test_auc}, or {@code test_rmse}, {@code test_mae}, {@code test_r2}).
 *
 * @param outputs probabilities (rows × classes) or values, row-major
 * @param labels  each row's true class index or value
 * @param metrics metric name to value
 */
public record HeldOutEvaluation(float[] outputs, float[] labels, Map<String, Double> metrics) {

    /** Evaluates {@code model} on held-out rows {@code input} read (a table's the notebook's way, with Tablesaw). */
    public static HeldOutEvaluation of(TrainedModel model, ModelInput input, FeatureMatrix rows) {
        float[] outputs = model.outputs(rows);
        return new HeldOutEvaluation(outputs, rows.labels(), score(input, outputs, rows.labels()));
    }

    /** The test metrics of {@code outputs} against {@code labels}. */
    public static Map<String, Double> score(ModelInput input, float[] outputs, float[] labels) {
        Map<String, Double> scores = input.task() == Task.CLASSIFICATION
                ? Scores.classification(outputs, labels, input.labels().size())
                : Scores.regression(outputs, labels);
        Map<String, Double> metrics = new LinkedHashMap<>();
        scores.forEach((name, value) -> metrics.put("test_" + name, value));
        return metrics;
    }

    /** The metric promotion reports first: accuracy, or RMSE. */
    public static String headline(ModelInput input) {
        return input.task() == Task.CLASSIFICATION ? "test_accuracy" : "test_rmse";
    }

    /** Whether a larger {@code headline} value is better. */
    public static boolean higherIsBetter(ModelInput input) {
        return input.task() == Task.CLASSIFICATION;
    }
}
