package ai.lepton.kernel;

import ai.lepton.base.LeptonVersion;
import ai.lepton.base.Setting;
import ai.lepton.base.Settings;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where the kernel keeps its files and how it starts the session JVM: {@code LEPTON_HOME} (default {@code ~/.lepton})
 * and {@code LEPTON_SESSION_JAVA_OPTIONS} (extra options for the session JVM, such as {@code -Xmx8g}).
 *
 * @param home              LEPTON_HOME
 * @param version           the kernel's version
 * @param sessionClasspath  the session JVM's classpath: the kernel's own, which holds the extensions and their libraries
 * @param sessionVmOptions  extra session JVM options
 */
public record KernelEnvironment(
        Path home, String version, List<String> sessionClasspath, List<String> sessionVmOptions) {

    public static KernelEnvironment fromSystem() {
        return from(Setting.Source.system(), System.getProperty("java.class.path"));
    }

    static KernelEnvironment from(Setting.Source source, String classpath) {
        return new KernelEnvironment(
                Settings.HOME.read(source),
                LeptonVersion.current(),
                Arrays.stream(classpath.split(File.pathSeparator))
                        .filter(entry -> !entry.isBlank())
                        .toList(),
                Settings.SESSION_JAVA_OPTIONS.read(source));
    }

    public Path crashDirectory() {
        return home.resolve("crash");
    }

    public Path historyFile() {
        return home.resolve("kernel-history.jsonl");
    }
}
