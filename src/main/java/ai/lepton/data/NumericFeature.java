package ai.lepton.data;

/**
 * A fitted numeric column: missing values become {@code fill}, then {@code (value - center) / scale}.
 * All three numbers come from the training split.
 */
public record NumericFeature(String column, double fill, double center, double scale) {

    float transform(double raw) {
        return (float) (((Double.isNaN(raw) ? fill : raw) - center) / scale);
    }
}
