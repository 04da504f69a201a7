package ai.lepton.train.listener;

import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.loop.Training;

/**
 * Hears a run's training loop, in the spirit of DJL's {@code TrainingListener}: each epoch's start and end, the losses
 * of the steps as they are read back, where training stands a few times a second, and how it ended. Checkpoints, early
 * stopping, fine-tuning's freezing, metric logging, the live views and a sweep's scheduler are all listeners; pass your
 * own to {@link Training#train(ai.lepton.track.RunStore, String, TrainingData, TrainOptions, TrainingListener...)}.
 * Every method does nothing unless overridden.
 */
public interface TrainingListener {

    /** What a listener wants once an epoch has ended. */
    enum Decision {
        /** Train the next epoch. */
        CONTINUE,
        /** Stop now; the run finished (early stopping). This wins over {@link #PRUNE}. */
        STOP_EARLY,
        /** Stop now; the run is not worth finishing (a sweep's scheduler) and ends PRUNED. */
        PRUNE
    }

    /** Before epoch {@code epoch} (from 1) trains. */
    default void onEpochStart(int epoch) {}

    /**
     * The training losses of the steps since the last call, read back from the device a few times a second: the first is
     * step {@code firstStep} (steps count from 1 over the whole run).
     */
    default void onSteps(int epoch, long firstStep, float[] losses) {}

    /** Where training stands: a few times a second while an epoch trains, and after each epoch. */
    default void onProgress(TrainingProgress progress) {}

    /** An epoch ended, validation included. The run stops when any listener says so. */
    default Decision onEpochEnd(EpochEnd epoch) {
        return Decision.CONTINUE;
    }

    /** Training ended as {@code outcome}; {@code last} is where it stood then. */
    default void onEnd(TrainingOutcome outcome, TrainingProgress last) {}
}
