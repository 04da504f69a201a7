package ai.lepton.sweep;

import ai.lepton.train.listener.EpochEnd;
import ai.lepton.train.listener.TrainingListener;
import ai.lepton.train.listener.TrainingProgress;

/**
 * One trial's run as its sweep hears it: where it trains goes to the board, and each epoch's metric to the scheduler,
 * which may prune the trial.
 */
final class TrialListener implements TrainingListener {

    private final int trial;
    private final String metric;
    private final TrialBoard board;
    private final Scheduler scheduler;

    TrialListener(int trial, String metric, TrialBoard board, Scheduler scheduler) {
        this.trial = trial;
        this.metric = metric;
        this.board = board;
        this.scheduler = scheduler;
    }

    @Override
    public void onProgress(TrainingProgress progress) {
        board.training(trial, progress.epoch(), progress.epochs());
    }

    @Override
    public Decision onEpochEnd(EpochEnd epoch) {
        Double value = epoch.metrics().get(metric);
        if (value == null) {
            throw new SweepException("the metric '" + metric + "' is never reported; trials report "
                    + String.join(", ", epoch.metrics().keySet())
                    + ". Rank trials by one of them: optMetric(...) or --metric.");
        }
        board.epochEnded(trial, epoch.epoch(), value);
        return scheduler.keepGoing(trial, epoch.epoch(), value) ? Decision.CONTINUE : Decision.PRUNE;
    }
}
