package ai.lepton.kernel.magic;

import ai.lepton.base.LeptonException;

/** A magic was used wrongly; the message says what, where and how to fix it. */
public class MagicException extends LeptonException {

    public MagicException(String message) {
        super(message);
    }

    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }
}
