package ai.lepton.track;

import java.util.Collection;
import java.util.Comparator;

/** Whether a metric is better higher (accuracy) or lower (loss): each {@link Metric} has one. */
public enum Mode {
    MAX,
    MIN;

    /** True when {@code candidate} is strictly better than {@code incumbent}; NaN is never better. */
    public boolean better(double candidate, double incumbent) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        return Double.isNaN(incumbent) || (this == MAX ? candidate > incumbent : candidate < incumbent);
    }

    /** Orders values best first; NaN last. */
    public Comparator<Double> bestFirst() {
        return (a, b) -> better(a, b) ? -1 : better(b, a) ? 1 : 0;
    }

    /** The best of {@code values}, or NaN when there is none (or only NaN). */
    public double best(Collection<Double> values) {
        double best = Double.NaN;
        for (double value : values) {
            if (better(value, best)) {
                best = value;
            }
        }
        return best;
    }
}
