package ai.lepton.kernel;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where the kernel keeps its files and how it starts the session JVM, read from the environment:
 * {@code LEPTON_HOME} (default {@code ~/.lepton}) and {@code LEPTON_SESSION_JAVA_OPTIONS}
 * (extra options for the session JVM, such as {@code -Xmx8g}).
 *
 * @param home              LEPTON_HOME
 * @param version           the kernel's version
 * @param sessionClasspath  the session JVM's classpath: the kernel's own, which holds the library
 * @param sessionVmOptions  extra session JVM options
 */
public record KernelEnvironment(Path home, String version, List<String> sessionClasspath, List<String> sessionVmOptions) {

    public static KernelEnvironment fromSystem() {
        return from(System.getenv(), System.getProperty("java.class.path"), Path.of(System.getProperty("user.home")));
    }

    static KernelEnvironment from(Map<String, String> env, String classpath, Path userHome) {
        String home = env.get("LEPTON_HOME");
        String options = env.getOrDefault("LEPTON_SESSION_JAVA_OPTIONS", "").strip();
        String version = KernelEnvironment.class.getPackage().getImplementationVersion();
        return new KernelEnvironment(
                home == null || home.isBlank() ? userHome.resolve(".lepton") : Path.of(home),
                version == null ? "dev" : version,
                Arrays.stream(classpath.split(File.pathSeparator)).filter(entry -> !entry.isBlank()).toList(),
                options.isEmpty() ? List.of() : List.of(options.split("\\s+")));
    }

    public Path crashDirectory() {
        return home.resolve("crash");
    }

    public Path historyFile() {
        return home.resolve("kernel-history.jsonl");
    }
}
