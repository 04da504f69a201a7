package ai.lepton.train.listener;

import ai.lepton.track.RunStatus;

/** How a run's training ended, and the status the run store keeps for it. */
public enum TrainingOutcome {
    FINISHED("finished", RunStatus.FINISHED),
    STOPPED_EARLY("stopped early", RunStatus.FINISHED),
    PRUNED("pruned", RunStatus.PRUNED),
    INTERRUPTED("interrupted", RunStatus.INTERRUPTED),
    FAILED("failed", RunStatus.FAILED);

    private final String label;
    private final RunStatus status;

    TrainingOutcome(String label, RunStatus status) {
        this.label = label;
        this.status = status;
    }

    /** How views and the run's {@code outcome} tag say it: "stopped early". */
    public String label() {
        return label;
    }

    public RunStatus status() {
        return status;
    }

    /** Whether training ended at the end of an epoch (not cut off inside one). */
    public boolean atEpochEnd() {
        return this == FINISHED || this == STOPPED_EARLY || this == PRUNED;
    }
}
