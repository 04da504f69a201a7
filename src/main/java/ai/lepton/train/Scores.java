package ai.lepton.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluation metrics from predictions copied to the host once per evaluation: accuracy, macro F1 and
 * ROC-AUC (one-vs-rest, macro-averaged for more than two classes) for classification; RMSE, MAE and R²
 * for regression.
 */
public final class Scores {

    private Scores() {}

    /** {@code probabilities}: rows × classes, row-major. */
    public static Map<String, Double> classification(float[] probabilities, float[] labels, int classes) {
        int rows = labels.length;
        int[] predicted = new int[rows];
        int correct = 0;
        for (int row = 0; row < rows; row++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[row * classes + c] > probabilities[row * classes + best]) {
                    best = c;
                }
            }
            predicted[row] = best;
            correct += best == (int) labels[row] ? 1 : 0;
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("accuracy", rows == 0 ? Double.NaN : (double) correct / rows);
        scores.put("f1", macroF1(predicted, labels, classes));
        scores.put(
                "auc",
                classes == 2 ? auc(probabilities, labels, classes, 1) : macroAuc(probabilities, labels, classes));
        return scores;
    }

    public static Map<String, Double> regression(float[] predictions, float[] targets) {
        int rows = targets.length;
        double squared = 0;
        double absolute = 0;
        double mean = 0;
        for (float target : targets) {
            mean += target;
        }
        mean /= Math.max(1, rows);
        double total = 0;
        for (int row = 0; row < rows; row++) {
            double error = predictions[row] - targets[row];
            squared += error * error;
            absolute += Math.abs(error);
            total += (targets[row] - mean) * (targets[row] - mean);
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("rmse", Math.sqrt(squared / rows));
        scores.put("mae", absolute / rows);
        scores.put("r2", total == 0 ? Double.NaN : 1 - squared / total);
        return scores;
    }

    private static double macroF1(int[] predicted, float[] labels, int classes) {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            int truePositive = 0;
            int falsePositive = 0;
            int falseNegative = 0;
            for (int row = 0; row < predicted.length; row++) {
                boolean actual = (int) labels[row] == c;
                boolean guess = predicted[row] == c;
                truePositive += actual && guess ? 1 : 0;
                falsePositive += !actual && guess ? 1 : 0;
                falseNegative += actual && !guess ? 1 : 0;
            }
            if (truePositive + falseNegative == 0) {
                continue; // a class absent from these labels has no F1
            }
            present++;
            sum += truePositive == 0 ? 0 : 2.0 * truePositive / (2.0 * truePositive + falsePositive + falseNegative);
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    private static double macroAuc(float[] probabilities, float[] labels, int classes) {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            double auc = auc(probabilities, labels, classes, c);
            if (!Double.isNaN(auc)) {
                sum += auc;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** The probability that a random row of {@code positive} scores above a random other row (ties count half). */
    static double auc(float[] probabilities, float[] labels, int classes, int positive) {
        int rows = labels.length;
        Integer[] order = new Integer[rows];
        for (int row = 0; row < rows; row++) {
            order[row] = row;
        }
        Arrays.sort(
                order,
                (a, b) -> Float.compare(probabilities[a * classes + positive], probabilities[b * classes + positive]));
        double rankSum = 0;
        long positives = 0;
        int start = 0;
        while (start < rows) { // average ranks over ties
            int end = start;
            float score = probabilities[order[start] * classes + positive];
            while (end + 1 < rows && probabilities[order[end + 1] * classes + positive] == score) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++) {
                if ((int) labels[order[i]] == positive) {
                    rankSum += rank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = rows - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }
}
