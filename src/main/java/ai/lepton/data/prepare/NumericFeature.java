package ai.lepton.data.prepare;

import ai.lepton.runtime.input.NumberField;

/**
 * A fitted numeric column: missing values become {@code fill}, values are clipped to
 * [{@code low}, {@code high}] (infinite bounds when not clipping), then {@code (value - center) / scale}.
 * Every number comes from the training split; {@code min} and {@code max} are the range it held (null in
 * preparations saved before ranges were kept).
 */
public record NumericFeature(
        String column, double fill, double low, double high, double center, double scale, Double min, Double max) {

    float transform(double raw) {
        return NumberField.transform(raw, fill, low, high, center, scale); // the runtime applies the very same scaling
    }
}
