package ai.lepton.kernel.magic;

/** A magic was used wrongly; the message says what, where and how to fix it. */
public class MagicException extends RuntimeException {

    public MagicException(String message) {
        super(message);
    }

    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }
}
