package ai.lepton;

import ai.lepton.base.Setting;
import ai.lepton.base.Settings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Gives a test class a {@code LEPTON_HOME} of its own, with its own run store, checkpoints, held-out rows and registry
 * (whatever the machine's {@code LEPTON_*} variables say), and a fresh Lepton session; afterwards the settings are as
 * they were and the folder is gone. Use {@code @ExtendWith(IsolatedHome.class)}; {@code Settings.HOME.get()} is the home
 * while the class runs, its {@code @BeforeAll} methods included.
 */
public final class IsolatedHome implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IsolatedHome.class);
    private static final List<Setting<?>> ISOLATED = List.of(Settings.HOME, Settings.STORE, Settings.REGISTRY);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        ExtensionContext.Store saved = context.getStore(NAMESPACE);
        for (Setting<?> setting : ISOLATED) {
            saved.put(setting.property(), System.getProperty(setting.property()));
        }
        Path home = Files.createTempDirectory("lepton-test-home-");
        saved.put("home", home);
        System.setProperty(Settings.HOME.property(), home.toString());
        System.setProperty(Settings.STORE.property(), "jdbc:sqlite:" + home.resolve("runs.db"));
        System.setProperty(
                Settings.REGISTRY.property(), home.resolve("registry").toString());
        Lepton.newSession();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Lepton.newSession(); // closes this class's store before its folder goes
        ExtensionContext.Store saved = context.getStore(NAMESPACE);
        for (Setting<?> setting : ISOLATED) {
            String previous = saved.get(setting.property(), String.class);
            if (previous == null) {
                System.clearProperty(setting.property());
            } else {
                System.setProperty(setting.property(), previous);
            }
        }
        Path home = saved.get("home", Path.class);
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                file.toFile().setWritable(true); // registered versions are read-only
                Files.deleteIfExists(file);
            }
        }
    }
}
