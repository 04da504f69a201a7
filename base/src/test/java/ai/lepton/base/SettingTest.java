package ai.lepton.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

class SettingTest {

    private static Setting.Source source(Map<String, String> variables, Map<String, String> properties) {
        return new Setting.Source(variables, properties);
    }

    @Test
    void thePropertyWinsOverTheVariableWhichWinsOverTheDefault() {
        Map<String, String> home = Map.of("user.home", "/home/ada");
        assertEquals(Path.of("/home/ada/.lepton"), Settings.HOME.read(source(Map.of(), home)));
        assertEquals(Path.of("/srv/lepton"), Settings.HOME.read(source(Map.of("LEPTON_HOME", "/srv/lepton"), home)));
        assertEquals(
                Path.of("/tmp/test"),
                Settings.HOME.read(source(
                        Map.of("LEPTON_HOME", "/srv/lepton"),
                        Map.of("user.home", "/home/ada", "lepton.home", "/tmp/test"))));
        assertEquals(
                Path.of("/home/ada/.lepton"),
                Settings.HOME.read(source(Map.of("LEPTON_HOME", "  "), home)),
                "blank is unset");
    }

    @Test
    void defaultsFollowTheSettingsTheyDependOn() {
        Setting.Source source = source(Map.of("LEPTON_HOME", "/srv/lepton"), Map.of());
        assertEquals("jdbc:sqlite:/srv/lepton/runs.db", Settings.STORE.read(source));
        assertEquals(Path.of("/srv/lepton/registry"), Settings.REGISTRY.read(source));
        assertNull(Settings.SIGNING_KEY.read(source));
        assertEquals("nb.ipynb", Settings.NOTEBOOK.read(source(Map.of("JPY_SESSION_NAME", "nb.ipynb"), Map.of())));
    }

    @Test
    void valuesAreParsedByType() {
        assertEquals(
                List.of("-Xmx8g", "-Dx=1"),
                Settings.SESSION_JAVA_OPTIONS.read(
                        source(Map.of("LEPTON_SESSION_JAVA_OPTIONS", " -Xmx8g  -Dx=1 "), Map.of())));
        assertEquals(List.of(), Settings.SESSION_JAVA_OPTIONS.read(source(Map.of(), Map.of())));
        assertEquals(3, Settings.HISTORY_SESSION.read(source(Map.of(), Map.of("lepton.historySession", "3"))));
    }

    @Test
    void downloadLimitsReadSizesAsXmxDoesAndTimeoutsAsSeconds() {
        assertEquals(2L << 30, Settings.DOWNLOAD_LIMIT.read(source(Map.of(), Map.of())));
        assertEquals(
                500L << 20, Settings.DOWNLOAD_LIMIT.read(source(Map.of("LEPTON_DOWNLOAD_LIMIT", "500M"), Map.of())));
        assertEquals(1234L, Settings.DOWNLOAD_LIMIT.read(source(Map.of("LEPTON_DOWNLOAD_LIMIT", "1234"), Map.of())));
        for (String bad : List.of("0", "-1k", "2 gb", "99999999999g")) {
            LeptonException error = assertThrows(
                    LeptonException.class,
                    () -> Settings.DOWNLOAD_LIMIT.read(source(Map.of("LEPTON_DOWNLOAD_LIMIT", bad), Map.of())));
            assertTrue(error.getMessage().contains("a size such as 500m or 4g"), error.getMessage());
        }
        assertEquals(Duration.ofSeconds(30), Settings.DOWNLOAD_TIMEOUT.read(source(Map.of(), Map.of())));
        assertEquals(
                Duration.ofMillis(500),
                Settings.DOWNLOAD_TIMEOUT.read(source(Map.of(), Map.of("lepton.downloadTimeout", "0.5"))));
        LeptonException error = assertThrows(
                LeptonException.class,
                () -> Settings.DOWNLOAD_TIMEOUT.read(source(Map.of("LEPTON_DOWNLOAD_TIMEOUT", "soon"), Map.of())));
        assertTrue(error.getMessage().contains("a number of seconds above 0"), error.getMessage());
    }

    @Test
    void sizesTakeBytesOrBinarySuffixes() {
        assertEquals(4L << 30, Settings.MAX_WEIGHTS.read(source(Map.of(), Map.of())));
        assertEquals(512L << 20, Settings.MAX_WEIGHTS.read(source(Map.of("LEPTON_MAX_WEIGHTS", "512M"), Map.of())));
        assertEquals(10_000L, Settings.MAX_WEIGHTS.read(source(Map.of("LEPTON_MAX_WEIGHTS", "10000"), Map.of())));
        for (String bad : List.of("0", "-1g", "4gb", "99999999999999999999", "9999999999g")) {
            LeptonException error = assertThrows(
                    LeptonException.class,
                    () -> Settings.MAX_WEIGHTS.read(source(Map.of("LEPTON_MAX_WEIGHTS", bad), Map.of())));
            assertTrue(
                    error.getMessage().startsWith("LEPTON_MAX_WEIGHTS is '" + bad + "': a size such as 500m or 4g"),
                    error.getMessage());
        }
    }

    @Test
    void aBadValueNamesTheSettingAndWhatItTakes() {
        LeptonException error = assertThrows(
                LeptonException.class, () -> Settings.DEVICE.read(source(Map.of("LEPTON_DEVICE", "tpu"), Map.of())));
        assertEquals(
                "LEPTON_DEVICE is 'tpu': use cpu, gpu or gpu:N (LEPTON_DEVICE: where the production runtime predicts: cpu, gpu or gpu:N).",
                error.getMessage());
        error = assertThrows(
                LeptonException.class, () -> Settings.DEVICE.read(source(Map.of(), Map.of("lepton.device", "gpu:x"))));
        assertTrue(error.getMessage().startsWith("The system property lepton.device is 'gpu:x'"), error.getMessage());
    }

    @Test
    void propertiesAreNamedAfterTheirVariables() {
        assertEquals("lepton.home", Settings.HOME.property());
        assertEquals("lepton.signingKey", Settings.SIGNING_KEY.property());
        assertEquals("lepton.sessionJavaOptions", Settings.SESSION_JAVA_OPTIONS.property());
        assertEquals(
                Settings.ALL.size(),
                Settings.ALL.stream().map(Setting::variable).distinct().count());
        assertTrue(Settings.ALL.stream()
                .allMatch(setting -> setting.variable().startsWith("LEPTON_")
                        || setting.variable().startsWith("HF_")));
        assertEquals("hf.hubCache", Settings.HF_HUB_CACHE.property());
    }

    @Test
    void theHuggingFaceCacheIsFoundAsHuggingFaceFindsIt() {
        assertEquals(
                Path.of("/data/hub"),
                Settings.HF_HUB_CACHE.read(source(Map.of("HF_HUB_CACHE", "/data/hub", "HF_HOME", "/x"), Map.of())));
        assertEquals(Path.of("/x/hub"), Settings.HF_HUB_CACHE.read(source(Map.of("HF_HOME", "/x"), Map.of())));
        assertEquals(
                Path.of("/home/ada/.cache/huggingface/hub"),
                Settings.HF_HUB_CACHE.read(source(Map.of(), Map.of("user.home", "/home/ada"))));
    }
}
