package ai.lepton.base;

/**
 * How Lepton's shell commands ({@code ./lepton runs}, {@code promote}, {@code predict}, ...) end when what they were
 * given is wrong: {@code lepton: } and the message on standard error, exit status {@value #REFUSED}, which the launcher
 * and scripts read as "refused, the message says why" (a crash exits 1).
 */
public final class CommandExit {

    public static final int REFUSED = 2;

    private CommandExit() {}

    /** Ends the JVM saying why the command was refused. */
    public static void refuse(Exception mistake) {
        System.err.println("lepton: " + mistake.getMessage());
        System.exit(REFUSED);
    }
}
