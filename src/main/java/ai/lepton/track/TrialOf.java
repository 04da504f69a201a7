package ai.lepton.track;

/**
 * Which trial of which sweep a run is: the store files it under the sweep's run with its number, so the sweep finds
 * its trials by owner and number rather than by parsing names.
 *
 * @param sweepId   the sweep's own run
 * @param sweepName the sweep's name, which names its trials' runs
 * @param number    the trial's number, from 1
 */
public record TrialOf(String sweepId, String sweepName, int number) {

    /** What joins the sweep's name and the trial's number in the trial run's name. */
    static final String NAME_INFIX = "-trial-";

    public TrialOf {
        if (number < 1) {
            throw new IllegalArgumentException("trials are numbered from 1, not " + number);
        }
    }

    /** The name of the trial's run: {@code SWEEP-trial-N}. */
    public String runName() {
        return sweepName + NAME_INFIX + number;
    }
}
