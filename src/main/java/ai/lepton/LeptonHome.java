package ai.lepton;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Lepton keeps its files: the {@code lepton.home} system property (for code that embeds Lepton, and
 * tests), else {@code LEPTON_HOME}, else {@code ~/.lepton}.
 */
public final class LeptonHome {

    private LeptonHome() {
    }

    public static Path path() {
        String property = System.getProperty("lepton.home");
        return property != null && !property.isBlank() ? Path.of(property) : path(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public static Path path(Map<String, String> env, Path userHome) {
        String home = env.get("LEPTON_HOME");
        return home == null || home.isBlank() ? userHome.resolve(".lepton") : Path.of(home);
    }
}
