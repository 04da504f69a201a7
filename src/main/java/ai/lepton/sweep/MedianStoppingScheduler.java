package ai.lepton.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Median stopping: after {@code grace} epochs, a trial stops when its best metric so far is worse than
 * the median of the other trials' best values over the same number of epochs, once at least
 * {@code minTrials} others have got that far.
 */
public final class MedianStoppingScheduler implements Scheduler {

    private final int grace;
    private final int minTrials;
    private final Mode mode;
    /** each trial's best value after 1, 2, … epochs */
    private final Map<Integer, List<Double>> bestSoFar = new HashMap<>();

    public MedianStoppingScheduler(int grace, int minTrials, Mode mode) {
        if (grace < 1 || minTrials < 1) {
            throw new SweepException("median stopping needs grace and min_trials of 1 or more, not " + grace + " and "
                    + minTrials + ".");
        }
        this.grace = grace;
        this.minTrials = minTrials;
        this.mode = mode;
    }

    @Override
    public synchronized boolean keepGoing(int trial, int epoch, double value) {
        List<Double> curve = bestSoFar.computeIfAbsent(trial, key -> new ArrayList<>());
        double best = curve.isEmpty() || mode.better(value, curve.getLast()) ? value : curve.getLast();
        while (curve.size() < epoch) {
            curve.add(best); // a resumed trial may report from a later epoch
        }
        if (epoch < grace) {
            return true;
        }
        List<Double> others = new ArrayList<>();
        bestSoFar.forEach((other, values) -> {
            if (other != trial && values.size() >= epoch) {
                others.add(values.get(epoch - 1));
            }
        });
        if (others.size() < minTrials) {
            return true;
        }
        others.sort(Double::compare);
        int middle = others.size() / 2;
        double median = others.size() % 2 == 1 ? others.get(middle) : (others.get(middle - 1) + others.get(middle)) / 2;
        return !mode.better(median, best);
    }

    @Override
    public String describe() {
        return "median (grace " + grace + ", min_trials " + minTrials + ")";
    }
}
