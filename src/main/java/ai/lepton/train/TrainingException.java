package ai.lepton.train;

import ai.lepton.base.LeptonException;

/** A training setting, model or input that cannot work: the message says which, and the fix. */
public class TrainingException extends LeptonException {

    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
