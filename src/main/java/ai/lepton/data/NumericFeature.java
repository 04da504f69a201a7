package ai.lepton.data;

/**
 * A fitted numeric column: missing values become {@code fill}, values are clipped to
 * [{@code low}, {@code high}] (infinite bounds when not clipping), then {@code (value - center) / scale}.
 * Every number comes from the training split.
 */
public record NumericFeature(String column, double fill, double low, double high, double center, double scale) {

    float transform(double raw) {
        double value = Math.min(high, Math.max(low, Double.isNaN(raw) ? fill : raw));
        return (float) ((value - center) / scale);
    }
}
