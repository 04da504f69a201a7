package ai.lepton.kernel.session;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start the session JVM.
 *
 * @param classpath     entries of the session's classpath (the kernel's: the library, DJL, Tablesaw, XChart, ...)
 * @param vmOptions     extra JVM options for the session JVM
 * @param crashDir      where the session JVM writes its crash report if it crashes
 * @param bridgeAddress the display bridge's {@code port:token}
 */
public record SessionSettings(List<String> classpath, List<String> vmOptions, Path crashDir, String bridgeAddress) {

    /** These settings with another classpath. */
    public SessionSettings withClasspath(List<String> entries) {
        return new SessionSettings(List.copyOf(entries), vmOptions, crashDir, bridgeAddress);
    }
}
