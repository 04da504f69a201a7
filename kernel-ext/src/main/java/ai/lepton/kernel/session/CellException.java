package ai.lepton.kernel.session;

import java.util.List;

/**
 * A cell failed: it did not compile, threw, was interrupted, or lost its JVM. Carries what the notebook shows: the
 * error's name, the message and the lines of the traceback.
 */
public class CellException extends RuntimeException {

    private final String errorName;
    private final List<String> report;

    /**
     * @param errorName what failed, as Jupyter's {@code ename}: the class of the exception the cell threw, or what befell
     *                  the cell ({@code CompilationError}, {@code Interrupted})
     * @param message   the one-line message ({@code evalue})
     * @param report    the readable report, one entry per line
     */
    public CellException(String errorName, String message, List<String> report) {
        super(message);
        this.errorName = errorName;
        this.report = List.copyOf(report);
    }

    public String errorName() {
        return errorName;
    }

    /** The readable report, one entry per line, shown in place of a JVM stack trace. */
    public List<String> report() {
        return report;
    }
}
