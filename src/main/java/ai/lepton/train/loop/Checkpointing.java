package ai.lepton.train.loop;

import ai.lepton.runtime.model.Architecture;
import ai.lepton.train.listener.EpochEnd;
import ai.lepton.train.listener.TrainingListener;
import ai.lepton.train.listener.TrainingOutcome;
import ai.lepton.train.listener.TrainingProgress;
import ai.lepton.train.network.NetworkWeights;

/**
 * Keeps a run's checkpoints as it trains: {@code best} whenever an epoch is the best so far, {@code last} every
 * {@code every} epochs and at the last epoch, and {@code last} again when training ends at an epoch's end (early
 * stopping, pruning), so a resumed run starts from exactly where this one stopped.
 */
final class Checkpointing implements TrainingListener {

    private final Checkpoints checkpoints;
    private final NetworkWeights weights;
    private final Architecture architecture;
    private final StatefulOptimizer optimizer;
    private final int every;
    private EpochEnd unsaved;

    Checkpointing(
            Checkpoints checkpoints,
            NetworkWeights weights,
            Architecture architecture,
            StatefulOptimizer optimizer,
            int every) {
        this.checkpoints = checkpoints;
        this.weights = weights;
        this.architecture = architecture;
        this.optimizer = optimizer;
        this.every = every;
    }

    @Override
    public Decision onEpochEnd(EpochEnd epoch) {
        Checkpoints.State state = Checkpoints.State.of(epoch);
        if (epoch.isBest()) {
            checkpoints.save(Checkpoints.BEST, weights, architecture, optimizer, state);
        }
        if (epoch.epoch() % every == 0 || epoch.isLast()) {
            checkpoints.save(Checkpoints.LAST, weights, architecture, optimizer, state);
            unsaved = null;
        } else {
            unsaved = epoch;
        }
        return Decision.CONTINUE;
    }

    @Override
    public void onEnd(TrainingOutcome outcome, TrainingProgress last) {
        // an interrupted epoch is not kept: resuming repeats it from the last epoch that ended
        if (outcome.atEpochEnd() && unsaved != null) {
            checkpoints.save(Checkpoints.LAST, weights, architecture, optimizer, Checkpoints.State.of(unsaved));
        }
    }
}
