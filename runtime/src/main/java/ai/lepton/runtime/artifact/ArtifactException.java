package ai.lepton.runtime.artifact;

/** An artifact that cannot be trusted or read: which check failed, on which entry, and what to do. */
public class ArtifactException extends RuntimeException {

    public ArtifactException(String message) {
        super(message);
    }

    public ArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
