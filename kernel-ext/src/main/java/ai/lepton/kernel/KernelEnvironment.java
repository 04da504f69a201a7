package ai.lepton.kernel;

import ai.lepton.base.LeptonVersion;
import ai.lepton.base.Setting;
import ai.lepton.base.Settings;
import ai.lepton.kernel.agent.SessionAgent;
import com.google.gson.Gson;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

    /**
     * The entries of the session's classpath that hold the session's own code, which no pin replaces: its agent and
     * notebook API (this module), the display API (jjava), the bridge's JSON (Gson) and the settings (the base).
     */
    public List<String> sessionCore() {
        Set<Path> sources = Stream.of(SessionAgent.class, Renderer.class, Gson.class, Settings.class)
                .map(KernelEnvironment::jarOf)
                .collect(Collectors.toSet());
        return sessionClasspath.stream()
                .filter(entry ->
                        sources.contains(Path.of(entry).toAbsolutePath().normalize()))
                .toList();
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath()
                    .normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(
                    "the kernel's own class " + type.getName() + " has no readable location", e);
        }
    }

    public Path crashDirectory() {
        return home.resolve("crash");
    }

    public Path historyFile() {
        return home.resolve("kernel-history.jsonl");
    }
}
