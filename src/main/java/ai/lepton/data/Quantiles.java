package ai.lepton.data;

/** Quantiles of sorted values, linearly interpolated (numpy's default), shared by fitting and profiling. */
public final class Quantiles {

    private Quantiles() {}

    public static double of(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
