package ai.lepton.train.listener;

/** Stops a run once {@code patience} epochs have passed without the monitored metric improving; 0 never stops. */
public final class EarlyStopping implements TrainingListener {

    private final int patience;

    public EarlyStopping(int patience) {
        this.patience = patience;
    }

    @Override
    public Decision onEpochEnd(EpochEnd epoch) {
        return patience > 0 && epoch.best().epochsSince() >= patience ? Decision.STOP_EARLY : Decision.CONTINUE;
    }
}
