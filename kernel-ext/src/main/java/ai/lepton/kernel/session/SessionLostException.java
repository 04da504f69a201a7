package ai.lepton.kernel.session;

import java.util.List;

/** The session JVM ended under a cell (System.exit, a crash, or an interrupt it ignored); a fresh one is running. */
public final class SessionLostException extends CellException {

    public SessionLostException(String summary, List<String> report) {
        super("SessionRestarted", summary, report);
    }
}
