package ai.lepton.plot;

import java.util.List;

/**
 * A classifier's answers on labelled rows, what confusion matrices and ROC / PR curves are drawn from.
 *
 * @param source        what made them, for titles (e.g. "penguins-mlp on 51 held-out rows")
 * @param classes       class names; class {@code i} is the {@code i}-th
 * @param probabilities row-major, rows × classes
 * @param labels        each row's true class index
 */
public record ClassPredictions(String source, List<String> classes, float[] probabilities, float[] labels) {

    public ClassPredictions {
        classes = List.copyOf(classes);
        if (probabilities.length != labels.length * classes.size()) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + labels.length
                    + " rows of " + classes.size() + " classes");
        }
    }

    public int rows() {
        return labels.length;
    }

    /** The class each row is predicted to be: the most probable. */
    int predicted(int row) {
        int best = 0;
        for (int c = 1; c < classes.size(); c++) {
            if (probabilities[row * classes.size() + c] > probabilities[row * classes.size() + best]) {
                best = c;
            }
        }
        return best;
    }

    /** Rows of true class {@code actual} predicted as {@code predicted}, indexed [actual][predicted]. */
    public int[][] confusion() {
        int[][] counts = new int[classes.size()][classes.size()];
        for (int row = 0; row < rows(); row++) {
            counts[(int) labels[row]][predicted(row)]++;
        }
        return counts;
    }
}
