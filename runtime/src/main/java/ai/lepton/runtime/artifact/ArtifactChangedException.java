package ai.lepton.runtime.artifact;

import ai.lepton.base.Sha256;

/**
 * An artifact file whose bytes are not the ones expected: their SHA-256 differs from the one recorded when it was
 * registered, so it changed since (or was replaced); nothing in it was parsed.
 */
public final class ArtifactChangedException extends ArtifactException {

    private final Sha256 actual;
    private final Sha256 expected;

    ArtifactChangedException(String source, Sha256 actual, Sha256 expected) {
        super("File check failed for " + source + ": it has SHA-256 " + actual + ", and " + expected + " was"
                + " recorded for it. The file changed since; restore it, or promote the run again.");
        this.actual = actual;
        this.expected = expected;
    }

    /** The SHA-256 of the bytes read. */
    public Sha256 actual() {
        return actual;
    }

    /** The SHA-256 recorded for the file. */
    public Sha256 expected() {
        return expected;
    }
}
