package ai.lepton.train.network;

import ai.lepton.data.FeatureMatrix;

/**
 * A multinomial logistic regression fitted to convergence, as scikit-learn's {@code LogisticRegression()} fits one by
 * default: the mean cross-entropy plus an L2 penalty of {@code 1 / (2n)} on the weights (C = 1), none on the biases.
 * The reference a linear probe is held to. Full-batch Nesterov descent for a strongly convex loss, with the step
 * {@code 1/L} from the loss's smoothness bound ({@code L = ½·mean ‖x‖² + λ}), until the gradient's norm vanishes.
 */
final class ConvergedLogisticRegression {

    private static final double GRADIENT_NORM = 1e-6;
    private static final int MOST_STEPS = 50_000;

    private final int classes;
    private final int width;
    /** Row {@code c}: class {@code c}'s weights, then its bias. */
    private final double[][] weights;

    private ConvergedLogisticRegression(int classes, int width) {
        this.classes = classes;
        this.width = width;
        this.weights = new double[classes][width + 1];
    }

    /** Fits {@code rows} (labels 0 to {@code classes - 1}) to a gradient norm of at most 1e-6. */
    static ConvergedLogisticRegression fit(FeatureMatrix rows, int classes) {
        ConvergedLogisticRegression model = new ConvergedLogisticRegression(classes, rows.columns());
        double penalty = 1.0 / rows.rows();
        double squaredNorms = 0;
        for (int row = 0; row < rows.rows(); row++) {
            squaredNorms += 1; // the bias's input
            for (int column = 0; column < rows.columns(); column++) {
                squaredNorms += (double) rows.get(row, column) * rows.get(row, column);
            }
        }
        double smoothness = 0.5 * squaredNorms / rows.rows() + penalty;
        double root = Math.sqrt(smoothness / penalty);
        double momentum = (root - 1) / (root + 1);
        double[][] previous = new double[classes][rows.columns() + 1];
        double[][] ahead = new double[classes][rows.columns() + 1];
        for (int step = 0; step < MOST_STEPS; step++) {
            double[][] gradient = model.gradient(ahead, rows, penalty);
            for (int c = 0; c < classes; c++) {
                System.arraycopy(model.weights[c], 0, previous[c], 0, previous[c].length);
                for (int j = 0; j <= rows.columns(); j++) {
                    model.weights[c][j] = ahead[c][j] - gradient[c][j] / smoothness;
                }
                for (int j = 0; j <= rows.columns(); j++) {
                    ahead[c][j] = model.weights[c][j] + momentum * (model.weights[c][j] - previous[c][j]);
                }
            }
            if (step % 100 == 99 && norm(model.gradient(model.weights, rows, penalty)) < GRADIENT_NORM) {
                return model;
            }
        }
        throw new AssertionError("the reference logistic regression did not converge in " + MOST_STEPS + " steps");
    }

    /** The share of {@code rows} whose label is the class with the highest score. */
    double accuracy(FeatureMatrix rows) {
        int correct = 0;
        for (int row = 0; row < rows.rows(); row++) {
            double[] scores = scores(weights, rows, row);
            int best = 0;
            for (int c = 1; c < classes; c++) {
                best = scores[c] > scores[best] ? c : best;
            }
            correct += best == (int) rows.labels()[row] ? 1 : 0;
        }
        return (double) correct / rows.rows();
    }

    private double[][] gradient(double[][] at, FeatureMatrix rows, double penalty) {
        double[][] gradient = new double[classes][width + 1];
        for (int row = 0; row < rows.rows(); row++) {
            double[] probabilities = softmax(scores(at, rows, row));
            probabilities[(int) rows.labels()[row]] -= 1;
            for (int c = 0; c < classes; c++) {
                double share = probabilities[c] / rows.rows();
                for (int j = 0; j < width; j++) {
                    gradient[c][j] += share * rows.get(row, j);
                }
                gradient[c][width] += share;
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < width; j++) {
                gradient[c][j] += penalty * at[c][j];
            }
        }
        return gradient;
    }

    private double[] scores(double[][] at, FeatureMatrix rows, int row) {
        double[] scores = new double[classes];
        for (int c = 0; c < classes; c++) {
            double score = at[c][width];
            for (int j = 0; j < width; j++) {
                score += at[c][j] * rows.get(row, j);
            }
            scores[c] = score;
        }
        return scores;
    }

    private static double[] softmax(double[] scores) {
        double most = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            most = Math.max(most, score);
        }
        double sum = 0;
        double[] probabilities = new double[scores.length];
        for (int c = 0; c < scores.length; c++) {
            probabilities[c] = Math.exp(scores[c] - most);
            sum += probabilities[c];
        }
        for (int c = 0; c < scores.length; c++) {
            probabilities[c] /= sum;
        }
        return probabilities;
    }

    private static double norm(double[][] values) {
        double sum = 0;
        for (double[] row : values) {
            for (double value : row) {
                sum += value * value;
            }
        }
        return Math.sqrt(sum);
    }
}
