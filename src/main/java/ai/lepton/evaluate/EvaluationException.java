package ai.lepton.evaluate;

import ai.lepton.base.LeptonException;

/** A run that cannot be judged on its held-out rows or explained: which run, why, and what to do. */
public class EvaluationException extends LeptonException {

    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
