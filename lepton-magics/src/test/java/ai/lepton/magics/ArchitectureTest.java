package ai.lepton.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape DESIGN.md §9 asks of the code, read with the JDK's jdeps from the compiled classes of every module on this
 * module's classpath (the magics sit on top of them all): no two packages depend on each other, however indirectly; the
 * base uses no other Lepton package; the facade is used only by the commands and the magics (with the display
 * of the facade's runs and sweeps); the production runtime
 * uses only itself and the base; within the library each package sits on those below it (data's steps on data, training's
 * machinery on its vocabulary, evaluation on training, promotion on evaluation), never the reverse.
 */
class ArchitectureTest {

    private static final PackageGraph CODE = PackageGraph.ofClasspath();

    @Test
    void theGraphHoldsEveryModulesPackages() {
        Set<String> packages = CODE.packages();
        for (String expected : List.of(
                "ai.lepton",
                "ai.lepton.base",
                "ai.lepton.train",
                "ai.lepton.train.listener",
                "ai.lepton.train.network",
                "ai.lepton.train.loop",
                "ai.lepton.train.device",
                "ai.lepton.data",
                "ai.lepton.data.load",
                "ai.lepton.data.prepare",
                "ai.lepton.data.batch",
                "ai.lepton.data.profile",
                "ai.lepton.evaluate",
                "ai.lepton.promote",
                "ai.lepton.runtime.serve",
                "ai.lepton.kernel.notebook",
                "ai.lepton.magics")) {
            assertTrue(packages.contains(expected), expected + " in " + packages);
        }
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        assertEquals(List.of(), CODE.cycles(), "package cycles (each: its edges, with a class use that makes each)");
    }

    @Test
    void aCycleIsFoundHoweverLongItIs() {
        PackageGraph graph = PackageGraph.of("a.x.A -> a.y.B", "a.y.B -> a.z.C", "a.z.C -> a.x.D", "a.z.C -> a.w.E");
        assertEquals(List.of("a.x -> a.y (A -> B); a.y -> a.z (B -> C); a.z -> a.x (C -> D)"), graph.cycles());
        assertEquals(
                List.of(),
                PackageGraph.of("a.x.A -> a.y.B", "a.x.A -> a.z.C", "a.y.B -> a.z.C")
                        .cycles());
    }

    @Test
    void theBaseUsesNoOtherLeptonPackage() {
        assertEquals(Set.of(), CODE.usedBy("ai.lepton.base"));
    }

    @Test
    void onlyTheCommandsAndTheMagicsUseTheFacade() {
        Set<String> users = new TreeSet<>(CODE.users("ai.lepton"));
        users.removeAll(Set.of("ai.lepton.cli", "ai.lepton.magics", "ai.lepton.magics.display"));
        assertEquals(Set.of(), users, "the facade holds no domain rule: packages below it never call it");
    }

    @Test
    void theRuntimeUsesOnlyItselfAndTheBase() {
        for (String runtime : CODE.packages().stream()
                .filter(name -> name.startsWith("ai.lepton.runtime"))
                .toList()) {
            Set<String> used = new TreeSet<>(CODE.usedBy(runtime));
            used.removeIf(name -> name.startsWith("ai.lepton.runtime") || name.equals("ai.lepton.base"));
            assertEquals(Set.of(), used, runtime + " is part of the production runtime");
        }
    }

    @Test
    void theDataPackagesNeverUseTrainingEvaluationOrPromotion() {
        for (String data : packagesUnder("ai.lepton.data")) {
            assertEquals(
                    Set.of(),
                    leptonUsesUnder(data, "ai.lepton.train", "ai.lepton.evaluate", "ai.lepton.promote"),
                    data + " sits below training");
        }
        assertEquals(Set.of(), leptonUsesUnder("ai.lepton.data", "ai.lepton.data."), "data's steps sit on data");
    }

    @Test
    void theTrainingVocabularyUsesNoneOfTrainingsMachinery() {
        Set<String> used = leptonUsesUnder("ai.lepton.train", "ai.lepton.train.");
        used.remove("ai.lepton.train.pretrained");
        assertEquals(
                Set.of(), used, "TrainOptions, TrainingData and TrainingResult sit below the loop and the network");
    }

    @Test
    void aListenerNeedsNoOtherPartOfTraining() {
        assertEquals(
                Set.of(),
                leptonUsesUnder("ai.lepton.train.listener", "ai.lepton.train", "ai.lepton.data"),
                "a caller's own listener is written against train.listener alone");
    }

    @Test
    void trainingAndEvaluationKnowNothingOfPromotion() {
        for (String below : CODE.packages().stream()
                .filter(name -> name.startsWith("ai.lepton.train") || name.startsWith("ai.lepton.evaluate"))
                .toList()) {
            assertEquals(Set.of(), leptonUsesUnder(below, "ai.lepton.promote"), below + " sits below promotion");
        }
        for (String training : packagesUnder("ai.lepton.train")) {
            assertEquals(
                    Set.of(), leptonUsesUnder(training, "ai.lepton.evaluate"), training + " sits below evaluation");
        }
    }

    /** {@code root} and the packages under it. */
    private static List<String> packagesUnder(String root) {
        return CODE.packages().stream()
                .filter(name -> name.equals(root) || name.startsWith(root + "."))
                .toList();
    }

    /** The packages {@code from} uses whose names start with one of {@code prefixes}. */
    private static Set<String> leptonUsesUnder(String from, String... prefixes) {
        Set<String> used = new TreeSet<>(CODE.usedBy(from));
        used.removeIf(name -> Arrays.stream(prefixes).noneMatch(name::startsWith));
        return used;
    }
}
