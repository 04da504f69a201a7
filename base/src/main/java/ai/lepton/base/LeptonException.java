package ai.lepton.base;

/**
 * A mistake in what the user gave Lepton (a file, an option, a value), with a message that says what
 * was wrong, where, and how to fix it. Notebooks show the message without Lepton's own stack frames.
 */
public class LeptonException extends RuntimeException {

    public LeptonException(String message) {
        super(message);
    }

    public LeptonException(String message, Throwable cause) {
        super(message, cause);
    }
}
