package ai.lepton.promote;

import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Preparation;
import ai.lepton.data.Task;
import ai.lepton.train.Scores;
import tech.tablesaw.api.Table;

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

    /** Evaluates {@code model} on {@code table}, prepared by {@code preparation} (the notebook's way, with Tablesaw). */
    static HeldOutEvaluation of(TrainedModel model, Preparation preparation, Table table) {
        FeatureMatrix matrix = preparation.apply(table);
        float[] outputs = model.outputs(matrix);
        return new HeldOutEvaluation(outputs, matrix.labels(), score(preparation, outputs, matrix.labels()));
    }

    /** The test metrics of {@code outputs} against {@code labels}. */
    static Map<String, Double> score(Preparation preparation, float[] outputs, float[] labels) {
        Map<String, Double> scores = preparation.task() == Task.CLASSIFICATION
                ? Scores.classification(outputs, labels, preparation.labels().size())
                : Scores.regression(outputs, labels);
        Map<String, Double> metrics = new LinkedHashMap<>();
        scores.forEach((name, value) -> metrics.put("test_" + name, value));
        return metrics;
    }

    /** The metric promotion reports first: accuracy, or RMSE. */
    static String headline(Preparation preparation) {
        return preparation.task() == Task.CLASSIFICATION ? "test_accuracy" : "test_rmse";
    }

    /** Whether a larger {@code headline} value is better. */
    static boolean higherIsBetter(Preparation preparation) {
        return preparation.task() == Task.CLASSIFICATION;
    }
}
