package ai.lepton.kernel.session;

import java.util.OptionalInt;

/** Says in words how a session JVM ended, from its exit code. */
final class SessionExit {

    private static final int SIGNAL_BASE = 128;
    private static final int SIGABRT = 6;
    private static final int SIGKILL = 9;
    private static final int SIGSEGV = 11;

    private SessionExit() {}

    static String describe(boolean killedAfterInterrupt, OptionalInt exitCode, long graceMillis) {
        if (killedAfterInterrupt) {
            return "the cell did not stop after the interrupt (interrupted again, or still running after "
                    + graceMillis / 1000 + " s), so Lepton ended the JVM running it";
        }
        if (exitCode.isEmpty()) {
            return "the JVM running the code stopped answering";
        }
        int code = exitCode.getAsInt();
        if (code < SIGNAL_BASE) {
            return "the code called System.exit(" + code + ")";
        }
        return switch (code - SIGNAL_BASE) {
            case SIGABRT, SIGSEGV -> "the JVM running the code crashed";
            case SIGKILL -> "the JVM running the code was killed (SIGKILL; often the system running out of memory)";
            default -> "the JVM running the code ended on signal " + (code - SIGNAL_BASE);
        };
    }
}
