package ai.lepton.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How one class is told from the rest as the decision threshold on its probability falls: the ROC curve
 * (false vs true positive rate) with its area, and the precision–recall curve with its average precision.
 * Rows with tied scores move together, so the curves do not depend on row order.
 *
 * @param falsePositiveRate ROC x, from 0 to 1
 * @param truePositiveRate  ROC y, from 0 to 1
 * @param recall            PR x, rising
 * @param precision         PR y
 * @param auc               area under the ROC curve (trapezoids); NaN when the class is absent or alone
 * @param averagePrecision  sum of precision × recall gained, over thresholds; NaN when the class is absent
 * @param prevalence        the share of rows in the class: a chance classifier's precision
 */
record ThresholdCurves(
        double[] falsePositiveRate,
        double[] truePositiveRate,
        double[] recall,
        double[] precision,
        double auc,
        double averagePrecision,
        double prevalence) {

    static ThresholdCurves of(float[] probabilities, float[] labels, int classes, int positive) {
        int rows = labels.length;
        Integer[] order = IntStream.range(0, rows).boxed().toArray(Integer[]::new);
        Arrays.sort(
                order,
                Comparator.comparingDouble((Integer row) -> probabilities[row * classes + positive])
                        .reversed());
        int positives = (int) IntStream.range(0, rows)
                .filter(row -> (int) labels[row] == positive)
                .count();
        int negatives = rows - positives;
        List<double[]> roc = new ArrayList<>(List.of(new double[] {0, 0}));
        List<double[]> pr = new ArrayList<>();
        int truePositives = 0;
        int falsePositives = 0;
        double auc = 0;
        double averagePrecision = 0;
        for (int i = 0; i < rows; i++) {
            if ((int) labels[order[i]] == positive) {
                truePositives++;
            } else {
                falsePositives++;
            }
            boolean lastOfTie = i == rows - 1
                    || probabilities[order[i + 1] * classes + positive] != probabilities[order[i] * classes + positive];
            if (!lastOfTie) {
                continue;
            }
            double fpr = negatives == 0 ? 0 : falsePositives / (double) negatives;
            double tpr = positives == 0 ? 0 : truePositives / (double) positives;
            double[] previous = roc.getLast();
            auc += (fpr - previous[0]) * (tpr + previous[1]) / 2;
            roc.add(new double[] {fpr, tpr});
            double precision = truePositives / (double) (truePositives + falsePositives);
            double previousRecall = pr.isEmpty() ? 0 : pr.getLast()[0];
            averagePrecision += (tpr - previousRecall) * precision;
            pr.add(new double[] {tpr, precision});
        }
        return new ThresholdCurves(
                column(roc, 0),
                column(roc, 1),
                column(pr, 0),
                column(pr, 1),
                positives == 0 || negatives == 0 ? Double.NaN : auc,
                positives == 0 ? Double.NaN : averagePrecision,
                rows == 0 ? Double.NaN : positives / (double) rows);
    }

    private static double[] column(List<double[]> points, int index) {
        return points.stream().mapToDouble(point -> point[index]).toArray();
    }
}
