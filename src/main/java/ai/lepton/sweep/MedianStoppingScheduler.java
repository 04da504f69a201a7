package ai.lepton.sweep;

import ai.lepton.track.Mode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Median stopping: after {@code grace} epochs, a trial stops when its best metric so far is worse than
 * the median of the other trials' best values over the same number of epochs, once at least
 * {@code minTrials} others have got that far. The best values after each epoch live in {@link RungResults} (each
 * epoch a rung): in the run store, trials of one sweep compare alike wherever they run.
 */
public final class MedianStoppingScheduler implements Scheduler {

    private final int grace;
    private final int minTrials;
    private final Mode mode;
    /** the best value after 1, 2, … epochs of each trial that trains here */
    private final Map<Integer, List<Double>> bestSoFar = new HashMap<>();

    private final RungResults results;

    public MedianStoppingScheduler(int grace, int minTrials, Mode mode) {
        this(grace, minTrials, mode, RungResults.inMemory());
    }

    /** The same, recording and reading each epoch's best values in {@code results}. */
    public MedianStoppingScheduler(int grace, int minTrials, Mode mode, RungResults results) {
        if (grace < 1 || minTrials < 1) {
            throw new SweepException("median stopping needs grace and min_trials of 1 or more, not " + grace + " and "
                    + minTrials + ".");
        }
        this.grace = grace;
        this.minTrials = minTrials;
        this.mode = mode;
        this.results = results;
    }

    @Override
    public boolean keepGoing(int trial, int epoch, double value) {
        double best;
        synchronized (bestSoFar) {
            List<Double> curve = bestSoFar.computeIfAbsent(trial, key -> new ArrayList<>());
            best = curve.isEmpty() || mode.better(value, curve.getLast()) ? value : curve.getLast();
            while (curve.size() < epoch) {
                curve.add(best); // a resumed trial may report from a later epoch
            }
        }
        // every epoch is recorded, so that trials reaching it later compare against this one
        List<Double> seen = results.record(epoch, trial, best);
        if (epoch < grace) {
            return true;
        }
        List<Double> others = new ArrayList<>(seen.subList(0, seen.size() - 1));
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
