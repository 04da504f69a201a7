package ai.lepton.track;

import ai.lepton.base.LeptonException;

/** A run could not be recorded or read: the message says what, where, and what to do. */
public class TrackingException extends LeptonException {

    public TrackingException(String message) {
        super(message);
    }

    public TrackingException(String message, Throwable cause) {
        super(message, cause);
    }
}
