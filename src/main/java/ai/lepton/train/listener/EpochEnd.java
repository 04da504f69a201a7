package ai.lepton.train.listener;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An epoch that just ended, as listeners hear it.
 *
 * @param epoch   the epoch, from 1
 * @param epochs  the most epochs the run trains
 * @param step    optimizer steps so far
 * @param metrics the epoch's metrics: the training loss (and accuracy), then every validation metric (val_loss, ...)
 * @param best    where the best epoch stands now, by the monitored metric
 */
public record EpochEnd(int epoch, int epochs, int step, Map<String, Double> metrics, BestEpoch.State best) {

    public EpochEnd {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics)); // in the order the loop computed them
    }

    /** Whether this epoch is the best so far. */
    public boolean isBest() {
        return best.epoch() == epoch;
    }

    /** Whether it is the last epoch the run may train. */
    public boolean isLast() {
        return epoch == epochs;
    }
}
