package ai.lepton.data.profile;

import java.util.Arrays;

/**
 * Equal-width bins over the values that are present (NaN left out), for histograms.
 *
 * @param min    the smallest value
 * @param max    the largest value
 * @param counts values per bin; the largest value falls in the last bin
 */
public record Histogram(double min, double max, double[] counts) {

    /** {@code count} bins over {@code values}, or null when no value is present. */
    public static Histogram of(double[] values, int count) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        if (present.length == 0) {
            return null;
        }
        double min = Arrays.stream(present).min().orElseThrow();
        double max = Arrays.stream(present).max().orElseThrow();
        double[] counts = new double[count];
        for (double value : present) {
            counts[max == min ? 0 : (int) Math.min(count - 1, (value - min) / (max - min) * count)]++;
        }
        return new Histogram(min, max, counts);
    }

    /** The middle of each bin. */
    public double[] centers() {
        double width = (max - min) / counts.length;
        double[] centers = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            centers[i] = min + (i + 0.5) * width;
        }
        return centers;
    }
}
