package ai.lepton.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.base.Setting;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class KernelEnvironmentTest {

    @Test
    void defaultsToDotLeptonInTheUsersHome() {
        KernelEnvironment environment =
                KernelEnvironment.from(new Setting.Source(Map.of(), Map.of("user.home", "/home/ada")), "/a.jar:/b.jar");
        assertEquals(Path.of("/home/ada/.lepton"), environment.home());
        assertEquals(List.of("/a.jar", "/b.jar"), environment.sessionClasspath());
        assertEquals(List.of(), environment.sessionVmOptions());
        assertEquals(Path.of("/home/ada/.lepton/crash"), environment.crashDirectory());
    }

    @Test
    void readsLeptonHomeAndSessionOptions() {
        KernelEnvironment environment = KernelEnvironment.from(
                new Setting.Source(
                        Map.of("LEPTON_HOME", "/srv/lepton", "LEPTON_SESSION_JAVA_OPTIONS", " -Xmx8g  -Dx=1 "),
                        Map.of("user.home", "/home/ada")),
                "/a.jar");
        assertEquals(Path.of("/srv/lepton"), environment.home());
        assertEquals(List.of("-Xmx8g", "-Dx=1"), environment.sessionVmOptions());
        assertEquals(Path.of("/srv/lepton/kernel-history.jsonl"), environment.historyFile());
    }
}
