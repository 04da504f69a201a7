package ai.lepton.kernel.deps;

import ai.lepton.base.LeptonException;

/** A dependency that cannot be resolved as written; the message says what, where and how to fix it. */
public class DependencyException extends LeptonException {

    public DependencyException(String message) {
        super(message);
    }

    public DependencyException(String message, Throwable cause) {
        super(message, cause);
    }
}
