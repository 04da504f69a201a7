package ai.lepton.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The build's Javadoc checks, run with the compiler arguments the parent pom gives every module (read from the pom, so
 * this test cannot drift from the build): a comment that links to nothing fails the compile.
 */
class JavadocChecksTest {

    private static final String COMPILER_ARGUMENTS =
            "/project/build/pluginManagement/plugins/plugin[artifactId='maven-compiler-plugin']"
                    + "/configuration/compilerArgs/arg";

    @TempDir
    Path folder;

    @Test
    void aLinkToAClassThatDoesNotExistFailsTheCompileNamingTheReference() throws Exception {
        String source =
                "package p;\n\n/** Reads rows, as {@link p.TableWriter} writes them. */\npublic class Reader {}\n";

        Compilation compilation = compile("Reader", source);

        assertFalse(compilation.succeeded(), compilation.toString());
        Diagnostic<? extends JavaFileObject> error = compilation.onlyError();
        assertEquals("reference not found", error.getMessage(Locale.ROOT));
        assertEquals(3, error.getLineNumber());
        assertTrue(source.startsWith("p.TableWriter}", (int) error.getPosition()), compilation.toString());
    }

    @Test
    void aSeeTagOnAPrivateMemberNamingAMethodThatDoesNotExistFailsTheCompile() throws Exception {
        String source = "package p;\n\npublic class Reader {\n    /** @see #close() */\n    private int rows;\n}\n";

        Compilation compilation = compile("Reader", source);

        assertFalse(compilation.succeeded(), compilation.toString());
        Diagnostic<? extends JavaFileObject> error = compilation.onlyError();
        assertEquals("reference not found", error.getMessage(Locale.ROOT));
        assertTrue(source.startsWith("#close()", (int) error.getPosition()), compilation.toString());
    }

    @Test
    void linksThatResolveAndMembersWithoutCommentsCompile() throws Exception {
        String source = "package p;\n\n/** Reads rows into a {@link java.util.List}; see {@link #rows()}. */\n"
                + "public class Reader {\n    public int rows() {\n        return 0;\n    }\n}\n";

        Compilation compilation = compile("Reader", source);

        assertTrue(compilation.succeeded(), compilation.toString());
    }

    private Compilation compile(String className, String source) throws Exception {
        Path file = folder.resolve("p").resolve(className + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        List<String> options = new ArrayList<>(buildCompilerArguments());
        options.addAll(List.of("-d", folder.resolve("classes").toString()));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            boolean succeeded = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file))
                    .call();
            return new Compilation(options, succeeded, diagnostics.getDiagnostics());
        }
    }

    /** The arguments the parent pom gives the compiler plugin: the build's, for main and test sources alike. */
    private static List<String> buildCompilerArguments() throws Exception {
        var pom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("..", "pom.xml").toFile());
        NodeList arguments = (NodeList)
                XPathFactory.newInstance().newXPath().evaluate(COMPILER_ARGUMENTS, pom, XPathConstants.NODESET);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < arguments.getLength(); i++) {
            found.add(arguments.item(i).getTextContent().trim());
        }
        return found;
    }

    private record Compilation(
            List<String> options, boolean succeeded, List<Diagnostic<? extends JavaFileObject>> diagnostics) {

        Diagnostic<? extends JavaFileObject> onlyError() {
            List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.stream()
                    .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                    .toList();
            assertEquals(1, errors.size(), toString());
            return errors.getFirst();
        }

        @Override
        public String toString() {
            return "javac " + options + ": "
                    + diagnostics.stream()
                            .map(diagnostic -> diagnostic.getLineNumber() + ": " + diagnostic.getMessage(Locale.ROOT))
                            .toList();
        }
    }
}
