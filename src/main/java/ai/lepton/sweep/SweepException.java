package ai.lepton.sweep;

import ai.lepton.base.LeptonException;

/**
 * A sweep that cannot be declared or run as asked; the message says what, where and how to fix it. A notebook shows
 * it as a mistake to fix, without Lepton's stack frames, as it shows every {@link LeptonException}.
 */
public class SweepException extends LeptonException {

    public SweepException(String message) {
        super(message);
    }

    public SweepException(String message, Throwable cause) {
        super(message, cause);
    }
}
