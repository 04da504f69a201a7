package ai.lepton.train;

import java.util.Map;

/**
 * Decides after each epoch whether a run goes on. A sweep's scheduler is one: it stops the trials that
 * are not going to win, and the run ends as PRUNED with what it logged kept.
 */
@FunctionalInterface
public interface EpochGate {

    /** Lets every run train its full budget (early stopping still applies). */
    EpochGate ALWAYS = (epoch, metrics) -> true;

    /**
     * @param epoch   the epoch that just finished, from 1
     * @param metrics that epoch's metrics: training loss (and accuracy), and every validation metric
     * @return false to stop the run now
     */
    boolean keepGoing(int epoch, Map<String, Double> metrics);
}
