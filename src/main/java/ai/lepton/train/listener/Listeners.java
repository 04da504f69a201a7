package ai.lepton.train.listener;

import java.util.List;

/** Several listeners heard as one, in order; after an epoch, early stopping wins over pruning, which wins over going on. */
public final class Listeners implements TrainingListener {

    private final List<TrainingListener> listeners;

    public Listeners(List<TrainingListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onEpochStart(int epoch) {
        listeners.forEach(listener -> listener.onEpochStart(epoch));
    }

    @Override
    public void onSteps(int epoch, long firstStep, float[] losses) {
        listeners.forEach(listener -> listener.onSteps(epoch, firstStep, losses));
    }

    @Override
    public void onProgress(TrainingProgress progress) {
        listeners.forEach(listener -> listener.onProgress(progress));
    }

    @Override
    public Decision onEpochEnd(EpochEnd epoch) {
        Decision decision = Decision.CONTINUE;
        for (TrainingListener listener : listeners) { // every listener hears every epoch, whatever another decides
            Decision wanted = listener.onEpochEnd(epoch);
            if (wanted == Decision.STOP_EARLY || (wanted == Decision.PRUNE && decision == Decision.CONTINUE)) {
                decision = wanted;
            }
        }
        return decision;
    }

    @Override
    public void onEnd(TrainingOutcome outcome, TrainingProgress last) {
        listeners.forEach(listener -> listener.onEnd(outcome, last));
    }
}
