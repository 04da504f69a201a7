package ai.lepton.kernel.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.maveniverse.maven.mima.context.ContextOverrides;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Resolution against an offline Maven with a local repository of the test's own: nothing can be fetched. */
class DependencyResolverTest {

    private static final LibraryFamily DJL = new LibraryFamily(
            "DJL", "ai.djl", "api", "with its engine: older DJL engines download their natives at run time");

    @TempDir
    Path shipped;

    @TempDir
    Path home;

    @Test
    void aDjlPinKeepsTheShippedDjlSaysSoInOneLineAndResolvesNothingOfTheVersionAsked() throws IOException {
        SessionLibraries libraries = djlSession();
        try (DependencyResolver resolver = offline(libraries)) {
            Resolution resolution = resolver.resolve("ai.djl:api:0.28.0");

            assertEquals(List.of(), resolution.added());
            assertEquals(
                    List.of("Kept the session's own ai.djl:api 0.35.1 (asked for 0.28.0) — Lepton's DJL stays, with its"
                            + " engine: older DJL engines download their natives at run time; nothing was resolved at"
                            + " the version asked."),
                    resolution.lines());
            assertEquals(List.of(), filesIn(repository()), "the local repository was never asked");
        }
    }

    @Test
    void aDjlLibraryTheSessionLacksIsTakenAtTheShippedDjlVersionWithoutItsOlderDependencies() throws IOException {
        SessionLibraries libraries = djlSession();
        Path basicdataset = CraftedJars.published(repository(), "ai.djl", "basicdataset", "0.35.1");
        try (DependencyResolver resolver = offline(libraries)) {
            Resolution resolution = resolver.resolve("ai.djl:basicdataset:0.23.0");

            assertEquals(List.of(basicdataset.toRealPath()), realPaths(resolution.added()));
            assertEquals(
                    List.of("Took ai.djl:basicdataset 0.35.1 (asked for 0.23.0) — Lepton's DJL stays, with its engine:"
                            + " older DJL engines download their natives at run time; nothing was resolved at the"
                            + " version asked."),
                    resolution.lines());
        }
    }

    @Test
    void aLibraryTheSessionKeepsAfterTheFirstJavaCodeIsNeverResolved() throws IOException {
        Path tablesaw = CraftedJars.named(shipped, "tech.tablesaw", "tablesaw-core", "0.44.4");
        SessionLibraries libraries = new SessionLibraries(List.of(tablesaw.toString()), List.of());
        libraries.firstJava();
        try (DependencyResolver resolver = offline(libraries)) {
            Resolution resolution = resolver.resolve("tech.tablesaw:tablesaw-core:0.38.1");

            assertEquals(List.of(), resolution.added());
            assertEquals(1, resolution.lines().size());
            assertTrue(
                    resolution
                            .lines()
                            .getFirst()
                            .startsWith("Kept the session's own tech.tablesaw:tablesaw-core 0.44.4"
                                    + " (asked for 0.38.1) — one version of a library per classpath (Lepton's libraries are"
                                    + " fixed from the notebook's first Java code on: a %maven before it gets the version it"
                                    + " asks for); added 0 other jar(s)."),
                    resolution.lines().getFirst());
        }
    }

    @Test
    void whatCannotBeResolvedOfflineIsAnErrorThatNamesTheVersionTried() throws IOException {
        SessionLibraries libraries = djlSession();
        try (DependencyResolver resolver = offline(libraries)) {
            DependencyException error =
                    assertThrows(DependencyException.class, () -> resolver.resolve("ai.djl:model-zoo:0.23.0"));
            assertTrue(
                    error.getMessage()
                            .startsWith("Could not resolve ai.djl:model-zoo:0.23.0 at 0.35.1, the version of Lepton's"
                                    + " DJL: "),
                    error.getMessage());
        }
    }

    /** A session that ships DJL's api 0.35.1 as a Gradle-built jar with its POM beside it, and keeps DJL. */
    private SessionLibraries djlSession() throws IOException {
        Path api = CraftedJars.bare(shipped, "ai.djl", "api", "0.35.1", true);
        SessionLibraries libraries = new SessionLibraries(List.of(api.toString()), List.of());
        libraries.keep(DJL);
        return libraries;
    }

    private DependencyResolver offline(SessionLibraries libraries) throws IOException {
        Files.createDirectories(repository());
        return new DependencyResolver(
                libraries,
                ContextOverrides.create()
                        .offline(true)
                        .withLocalRepositoryOverride(repository())
                        .build());
    }

    private Path repository() {
        return home.resolve("repository");
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static List<Path> realPaths(List<Path> paths) throws IOException {
        List<Path> real = new ArrayList<>();
        for (Path path : paths) {
            real.add(path.toRealPath());
        }
        return real;
    }
}
