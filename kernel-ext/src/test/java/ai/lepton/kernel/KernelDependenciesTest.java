package ai.lepton.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * The kernel is a Java kernel that knows nothing of the ML stack: its classpath, as Maven resolves the module's
 * dependencies, holds neither Lepton's library nor DJL, Tablesaw or XChart, and its classes refer to no Lepton package
 * but its own and the base.
 */
class KernelDependenciesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ai.lepton.Lepton",
                "ai.lepton.train.loop.Training",
                "ai.lepton.runtime.LeptonModel",
                "ai.djl.Model",
                "tech.tablesaw.api.Table",
                "org.knowm.xchart.XYChart",
                "ai.lepton.magics.LeptonExtension"
            })
    void theKernelCannotSee(String className) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(className));
    }

    @Test
    void theKernelsClassesUseNoLeptonPackageButItsOwnAndTheBase() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(
                new PrintWriter(out),
                new PrintWriter(out),
                "-verbose:class",
                "-filter:none",
                "-e",
                "ai\\.lepton\\..*",
                Path.of("target", "classes").toString());
        assertEquals(0, status, out.toString());
        List<String> foreign = out.toString()
                .lines()
                .filter(line -> line.matches("\\s+ai\\.lepton\\.\\S+\\s+->\\s+ai\\.lepton\\..*")) // class -> class
                .filter(line -> !line.matches("\\s+\\S+\\s+->\\s+ai\\.lepton\\.(kernel|base)\\..*"))
                .toList();
        assertEquals(List.of(), foreign);
    }
}
