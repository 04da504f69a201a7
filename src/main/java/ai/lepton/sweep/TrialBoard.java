package ai.lepton.sweep;

import ai.lepton.track.Mode;
import ai.lepton.track.RunStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The live state of a sweep's trials, shown in a {@link SweepView} as trials start, finish epochs and
 * end. Trials running side by side report to it at once.
 */
final class TrialBoard {

    private final String sweepName;
    private final String runId;
    private final String metric;
    private final Mode mode;
    private final SweepView view;
    private final List<Map<String, Object>> configurations;
    private final String[] status;
    private final int[] epoch;
    private final int[] epochs;
    private final List<List<Double>> curves = new ArrayList<>();
    private String sweepStatus = "running";

    TrialBoard(
            String sweepName,
            String runId,
            String metric,
            Mode mode,
            List<Map<String, Object>> configurations,
            SweepView view) {
        this.sweepName = sweepName;
        this.runId = runId;
        this.metric = metric;
        this.mode = mode;
        this.view = view;
        this.configurations = configurations;
        int count = configurations.size();
        status = new String[count];
        epoch = new int[count];
        epochs = new int[count];
        Arrays.fill(status, "WAITING");
        for (int i = 0; i < count; i++) {
            curves.add(new ArrayList<>());
        }
    }

    /** A trial recorded before a resume: its curve as the store has it. */
    synchronized void restore(int trial, RunStatus ended, List<Double> curve) {
        status[trial - 1] = ended.name();
        curves.get(trial - 1).addAll(curve);
        epoch[trial - 1] = curve.size();
    }

    synchronized void started(int trial, int budget) {
        status[trial - 1] = "RUNNING";
        epochs[trial - 1] = budget;
        show();
    }

    synchronized void epochEnded(int trial, int finished, double value) {
        List<Double> curve = curves.get(trial - 1);
        while (curve.size() >= finished) {
            curve.removeLast(); // a resumed trial repeats nothing, but its view may hold the epoch it was killed in
        }
        curve.add(value);
        epoch[trial - 1] = finished;
        show();
    }

    synchronized void ended(int trial, RunStatus ended) {
        status[trial - 1] = ended.name();
        show();
    }

    synchronized void sweepEnded(String how) {
        sweepStatus = how;
        show();
    }

    /** Trial {@code trial} trains epoch {@code current} of at most {@code budget}. */
    void training(int trial, int current, int budget) {
        synchronized (this) {
            epoch[trial - 1] = current;
            epochs[trial - 1] = budget;
        }
        show();
    }

    synchronized SweepProgress progress() {
        List<SweepProgress.Trial> trials = new ArrayList<>();
        for (int i = 0; i < status.length; i++) {
            trials.add(new SweepProgress.Trial(
                    i + 1, configurations.get(i), status[i], epoch[i], epochs[i], List.copyOf(curves.get(i))));
        }
        return new SweepProgress(sweepName, runId, metric, mode, sweepStatus, trials);
    }

    private void show() {
        view.update(progress());
    }
}
