package ai.lepton.data;

/** What the target asks of a model. */
public enum Task {
    /** predict one of the target's labels */
    CLASSIFICATION,
    /** predict a number */
    REGRESSION
}
