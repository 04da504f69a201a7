package ai.lepton.sweep;

/** A sweep that cannot be declared or run as asked; the message says what, where and how to fix it. */
public class SweepException extends RuntimeException {

    public SweepException(String message) {
        super(message);
    }

    public SweepException(String message, Throwable cause) {
        super(message, cause);
    }
}
