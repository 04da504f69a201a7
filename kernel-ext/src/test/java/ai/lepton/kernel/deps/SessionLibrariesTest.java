package ai.lepton.kernel.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

class SessionLibrariesTest {

    private static final LibraryFamily DJL = new LibraryFamily("DJL", "ai.djl", "api", "for a reason");

    @TempDir
    Path shipped;

    @TempDir
    Path pins;

    @Test
    void aPinBeforeTheFirstJavaCodeReplacesTheVersionLeptonShipsInAFreshSession() throws IOException {
        Path core = CraftedJars.named(shipped, "com.google.code.gson", "gson", "2.13.2");
        Path tablesaw = CraftedJars.named(shipped, "tech.tablesaw", "tablesaw-core", "0.44.4");
        Path xchart = CraftedJars.named(shipped, "org.knowm.xchart", "xchart", "3.8.8");
        SessionLibraries libraries = new SessionLibraries(entries(core, tablesaw, xchart), List.of(core.toString()));

        assertEquals(Optional.empty(), libraries.keeping("tech.tablesaw", "tablesaw-core", "0.38.1"));
        Path pinned = CraftedJars.named(pins, "tech.tablesaw", "tablesaw-core", "0.38.1");
        Optional<String> line = libraries.add(List.of(pinned));

        assertEquals(
                "tech.tablesaw:tablesaw-core 0.38.1 (Lepton ships 0.44.4) replaces Lepton's version in this session,"
                        + " which starts afresh with the pinned jars at the notebook's first Java code; Lepton's magics"
                        + " were built with Lepton's versions and may fail where they use it.",
                line.orElseThrow());
        assertTrue(libraries.awaitsFreshSession(), "the running session cannot drop Lepton's Tablesaw");
        assertEquals(Optional.of(entries(pinned, core, xchart)), libraries.firstJava());
        assertEquals(Optional.empty(), libraries.firstJava(), "only the first Java code starts a session");
        assertFalse(libraries.awaitsFreshSession());
    }

    @Test
    void afterTheFirstJavaCodeLeptonsVersionIsKeptAndSaysAPinBeforeItWouldWin() throws IOException {
        Path tablesaw = CraftedJars.named(shipped, "tech.tablesaw", "tablesaw-core", "0.44.4");
        SessionLibraries libraries = new SessionLibraries(entries(tablesaw), List.of());

        assertEquals(Optional.empty(), libraries.firstJava(), "no pin: the running session fits");
        assertEquals(
                Optional.of(new SessionLibraries.Keeping("0.44.4", null, true)),
                libraries.keeping("tech.tablesaw", "tablesaw-core", "0.38.1"));
        Path late = CraftedJars.named(pins, "tech.tablesaw", "tablesaw-core", "0.38.1");
        assertEquals(Optional.empty(), libraries.add(List.of(late)), "a jar added late replaces nothing");
    }

    @Test
    void pinsNeverReplaceTheSessionsCoreNorAFamilyAndAddedLibrariesKeepTheirVersion() throws IOException {
        Path gson = CraftedJars.named(shipped, "com.google.code.gson", "gson", "2.13.2");
        Path djl = CraftedJars.bare(shipped, "ai.djl", "api", "0.35.1", true);
        SessionLibraries libraries = new SessionLibraries(entries(gson, djl), List.of(gson.toString()));
        libraries.keep(DJL);

        assertEquals(
                Optional.of(new SessionLibraries.Keeping("2.13.2", null, false)),
                libraries.keeping("com.google.code.gson", "gson", "2.10.1"));
        assertEquals(
                Optional.of(new SessionLibraries.Keeping("0.35.1", DJL, false)),
                libraries.keeping("ai.djl", "api", "0.28.0"));
        assertEquals("0.35.1", libraries.version(DJL), "the POM beside a jar without pom.properties names it");

        libraries.add(List.of(CraftedJars.named(pins, "org.example", "api", "1.0")));
        assertFalse(libraries.awaitsFreshSession(), "another group's 'api' is not DJL's");
        assertEquals(
                Optional.of(new SessionLibraries.Keeping("1.0", null, false)),
                libraries.keeping("org.example", "api", "2.0"));
    }

    @Test
    void aShippedJarWhoseGroupIsNotKnownIsKeptRatherThanReplaced() throws IOException {
        Path smile = CraftedJars.bare(shipped, "com.github.haifengl", "smile-core", "6.3.0", false);
        SessionLibraries libraries = new SessionLibraries(entries(smile), List.of());

        assertEquals(
                Optional.of(new SessionLibraries.Keeping("6.3.0", null, false)),
                libraries.keeping("com.github.haifengl", "smile-core", "2.6.0"));
    }

    private static List<String> entries(Path... jars) {
        return Arrays.stream(jars).map(Path::toString).toList();
    }
}
