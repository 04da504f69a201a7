package ai.lepton.kernel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

class SessionExitTest {

    @Test
    void namesTheExitCodeOfSystemExit() {
        assertEquals("the code called System.exit(3)", SessionExit.describe(false, OptionalInt.of(3), 1500));
    }

    @Test
    void tellsCrashesAndKillsApart() {
        assertEquals("the JVM running the code crashed", SessionExit.describe(false, OptionalInt.of(134), 1500));
        assertEquals("the JVM running the code crashed", SessionExit.describe(false, OptionalInt.of(139), 1500));
        assertTrue(SessionExit.describe(false, OptionalInt.of(137), 1500).contains("SIGKILL"));
        assertTrue(SessionExit.describe(false, OptionalInt.of(143), 1500).contains("signal 15"));
    }

    @Test
    void anInterruptThatNeededAKillSaysSo() {
        assertTrue(SessionExit.describe(true, OptionalInt.of(137), 30_000)
                .contains("did not stop after the interrupt (interrupted again, or still running after 30 s)"));
    }
}
