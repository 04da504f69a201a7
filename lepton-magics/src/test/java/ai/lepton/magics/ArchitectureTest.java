package ai.lepton.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape DESIGN.md §9 asks of the code, read with the JDK's jdeps from the compiled classes of every module on this
 * module's classpath (the magics sit on top of them all): no two packages depend on each other, however indirectly; the
 * base uses no other Lepton package; the facade is used only by the commands and the magics (with the display of
 * the facade's runs and sweeps); the production runtime
 * uses only itself and the base.
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
}
