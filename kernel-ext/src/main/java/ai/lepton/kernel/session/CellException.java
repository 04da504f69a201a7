package ai.lepton.kernel.session;

import java.util.List;

/**
 * A cell failed: it did not compile, threw, was interrupted, or lost its JVM. Carries the lines
 * the notebook shows as the traceback; the message is the one-line summary.
 */
public class CellException extends RuntimeException {

    private final List<String> report;

    public CellException(String summary, List<String> report) {
        super(summary);
        this.report = List.copyOf(report);
    }

    /** The readable report, one entry per line, shown in place of a JVM stack trace. */
    public List<String> report() {
        return report;
    }
}
