package ai.lepton.train.listener;

import ai.lepton.track.Metric;
import ai.lepton.track.RunRecorder;

/** Logs a run's metrics into the run store: every step's loss as it is read back, every epoch's metrics as it ends. */
public final class MetricLog implements TrainingListener {

    private final RunRecorder run;

    public MetricLog(RunRecorder run) {
        this.run = run;
    }

    @Override
    public void onSteps(int epoch, long firstStep, float[] losses) {
        for (int i = 0; i < losses.length; i++) {
            run.metric(Metric.STEP_LOSS.name(), losses[i], firstStep + i, epoch);
        }
    }

    @Override
    public Decision onEpochEnd(EpochEnd epoch) {
        epoch.metrics().forEach((name, value) -> run.metric(name, value, epoch.step(), epoch.epoch()));
        run.flush();
        return Decision.CONTINUE;
    }
}
