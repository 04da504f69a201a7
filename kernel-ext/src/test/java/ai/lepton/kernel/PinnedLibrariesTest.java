package ai.lepton.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.kernel.deps.DependencyResolver;
import ai.lepton.kernel.deps.SessionLibraries;
import ai.lepton.kernel.session.CellException;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A kernel driven in-process, its session a real JVM, on a classpath that ships Tablesaw 0.44.4 beside the kernel's own
 * (as Lepton's extension does): what a notebook pins before its first Java code is what it gets. The kernel JVM runs on
 * the classpath it ships, as its kernelspec starts it, and JShell's compiler reads it from {@code java.class.path}: the
 * test sets that property so. Tablesaw 0.38.1 comes from the local Maven repository, or Maven Central the first time.
 */
class PinnedLibrariesTest {

    private static final String TABLE =
            "tech.tablesaw.api.Table.create(\"t\", tech.tablesaw.api.IntColumn.create(\"a\", 1, 2),"
                    + " tech.tablesaw.api.IntColumn.create(\"b\", 3, 4))";
    private static final String TABLESAW_JAR =
            "tech.tablesaw.api.Table.class.getProtectionDomain().getCodeSource().getLocation().getPath()";

    @TempDir
    Path home;

    private final String testClasspath = System.getProperty("java.class.path");

    private LeptonKernel kernel;

    @AfterEach
    void shutDown() {
        if (kernel != null) {
            kernel.onShutdown(false);
        }
        System.setProperty("java.class.path", testClasspath);
    }

    @Test
    void aNotebookThatPinsTablesaw0381BeforeItsFirstJavaCodeCallsTableSelect() {
        kernel = started(withShippedTablesaw());
        run(() -> kernel.evalCell("// comments alone run nothing\n%maven tech.tablesaw:tablesaw-core:0.38.1"));

        assertEquals("1", text(TABLE + ".select(\"a\").columnCount()"), "Table.select(String...) is 0.38.1's");
        assertTrue(text(TABLESAW_JAR).contains("tablesaw-core-0.38.1.jar"), text(TABLESAW_JAR));
    }

    @Test
    void aPinAfterTheFirstJavaCodeKeepsTheTablesawLeptonShips() {
        kernel = started(withShippedTablesaw());
        assertEquals("2", text("1 + 1"));
        run(() -> kernel.evalCell("%maven tech.tablesaw:tablesaw-core:0.38.1"));

        assertTrue(text(TABLESAW_JAR).contains("tablesaw-core-0.44.4.jar"), text(TABLESAW_JAR));
        CellException removed = assertThrows(CellException.class, () -> kernel.evalCell(TABLE + ".select(\"a\")"));
        assertTrue(
                String.join("\n", removed.report()).contains("cannot find symbol"),
                removed.report().toString());
    }

    @Test
    void commonsLangsArrayUtilsImportsWithoutMaven() {
        kernel = started(kernelClasspath());
        run(() -> kernel.evalCell("import org.apache.commons.lang3.ArrayUtils;"));

        assertEquals("1", text("ArrayUtils.indexOf(new int[] {3, 4}, 4)"));
    }

    /** The test's classpath (the kernel's, commons-lang3 included) and Tablesaw 0.44.4 with its dependencies. */
    private static List<String> withShippedTablesaw() {
        List<String> classpath = new ArrayList<>(kernelClasspath());
        try (DependencyResolver maven = new DependencyResolver(new SessionLibraries(List.of(), List.of()))) {
            maven.resolve("tech.tablesaw:tablesaw-core:0.44.4").added().forEach(jar -> classpath.add(jar.toString()));
        }
        return classpath;
    }

    private static List<String> kernelClasspath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    private LeptonKernel started(List<String> classpath) {
        System.setProperty("java.class.path", String.join(File.pathSeparator, classpath));
        LeptonKernel started =
                new LeptonKernelBuilder(new KernelEnvironment(home, "test", classpath, List.of())).build();
        started.onStartup();
        return started;
    }

    private String text(String java) {
        return run(() -> kernel.evalCell(java).getData(MIMEType.TEXT_PLAIN).toString());
    }

    /** A cell, with a generous guard against a session that never answers. */
    private static <T> T run(Supplier<T> cell) {
        return assertTimeoutPreemptively(Duration.ofSeconds(90), cell::get);
    }
}
