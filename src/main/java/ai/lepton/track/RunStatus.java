package ai.lepton.track;

/** Where a run stands. Only RUNNING changes; the others are final. */
public enum RunStatus {
    RUNNING,
    FINISHED,
    /** the run stopped on an error (a NaN loss, an exception), with what it had logged kept */
    FAILED,
    /** the user stopped it (a Jupyter interrupt); its last checkpoint is kept for resuming */
    INTERRUPTED,
    /** a sweep's scheduler stopped it because it was not going to win; its curves are kept */
    PRUNED
}
