package ai.lepton.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * A team registry's protected aliases live where only the promoters may write. (Who may write is the operating
 * system's call; the JupyterHub test shows a member outside the group refused. Here: where they live, what is read.)
 */
class RegistryPolicyTest {

    @TempDir
    Path root;

    private Registry registryWithVersions(String... versions) {
        Registry registry = Registry.at(root);
        for (String version : versions) {
            try (Registry.Draft draft = registry.claim("wine", version)) {
                draft.stage(new byte[] {1, 2, 3});
                draft.commit("run" + version, "run", "sha", 3, Map.of("accuracy", 0.9));
            }
        }
        return registry;
    }

    @Test
    void aProtectedAliasIsKeptApartAndACopyInTheModelsFolderIsIgnored() throws IOException {
        Registry registry = registryWithVersions("1.0.0", "1.1.0");
        Files.writeString(root.resolve("registry.json"), "{\"protected_aliases\": [\"production\"]}");
        Files.createDirectory(root.resolve(".protected"));
        registry.moveAlias("wine", "production", "1.0.0");
        registry.moveAlias("wine", "staging", "1.1.0");
        assertTrue(
                Files.readString(root.resolve(".protected/wine/aliases.json")).contains("\"production\": \"1.0.0\""));
        assertTrue(!Files.readString(root.resolve("wine/aliases.json")).contains("production"));

        // anyone in the team may write the model's own folder: a production alias written there counts for nothing
        Files.writeString(root.resolve("wine/aliases.json"), "{\"production\": \"1.1.0\", \"staging\": \"1.1.0\"}");
        Files.writeString(
                root.resolve("wine/aliases.jsonl"),
                "{\"alias\":\"production\",\"version\":\"1.1.0\",\"at\":\"2026-01-01T00:00:00Z\",\"by\":\"someone\"}\n",
                StandardOpenOption.APPEND);
        assertEquals(Map.of("production", "1.0.0", "staging", "1.1.0"), registry.aliases("wine"));
        assertEquals("1.0.0", registry.resolve("wine@production").version());
        assertEquals(
                List.of("production", "staging"),
                registry.aliasHistory("wine").stream().map(AliasChange::alias).toList());
    }

    @Test
    void aRegistryWithoutRulesProtectsNothing() {
        Registry registry = registryWithVersions("1.0.0");
        registry.moveAlias("wine", "production", "1.0.0");
        assertTrue(Files.isRegularFile(root.resolve("wine/aliases.json")));
        assertEquals("1.0.0", registry.resolve("wine@production").version());
    }

    @Test
    void brokenRulesAreClearErrorsAndMoveNothing() throws IOException {
        Registry registry = registryWithVersions("1.0.0");
        Files.writeString(root.resolve("registry.json"), "{\"protected_aliases\": [\"production\"]}");
        PromotionException missing =
                assertThrows(PromotionException.class, () -> registry.moveAlias("wine", "production", "1.0.0"));
        assertTrue(
                missing.getMessage()
                                .contains("protects the alias 'production', but " + root.resolve(".protected")
                                        + " is missing")
                        && missing.getMessage().contains("environment/team-setup.sh"),
                missing.getMessage());
        Files.writeString(root.resolve("registry.json"), "{\"protected_aliases\": ");
        PromotionException malformed = assertThrows(PromotionException.class, () -> registry.aliases("wine"));
        assertTrue(
                malformed
                        .getMessage()
                        .contains("The registry's rules in " + root.resolve("registry.json") + " cannot be read"),
                malformed.getMessage());
        Files.delete(root.resolve("registry.json"));
        assertEquals(Map.of(), registry.aliases("wine"));
    }

    @Test
    void aRegisteredVersionIsReadOnly() throws IOException {
        registryWithVersions("1.0.0");
        Path version = root.resolve("wine/1.0.0");
        assertEquals("r-xr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(version)));
        assertEquals(
                "r--r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(version.resolve("entry.json"))));
        assertEquals(
                "r--r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(version.resolve("wine-1.0.0.lepton"))));
    }
}
