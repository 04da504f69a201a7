package ai.lepton.magics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code META-INF/services} files of every module name a service type that exists and implementations of it: the
 * file's name is a class name in a string, which no compiler checks, so a moved interface would silently lose its
 * notebook views (the live training display, the sweep's view, the download's progress).
 */
class ServiceRegistrationsTest {

    private static List<Path> registrations() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(".."))) {
            return files.filter(path -> path.getParent() != null
                            && path.getParent().endsWith(Path.of("src", "main", "resources", "META-INF", "services")))
                    .filter(Files::isRegularFile)
                    .toList();
        }
    }

    @Test
    void everyServiceFileNamesAnExistingTypeAndImplementationsOfIt() throws IOException {
        List<Path> files = registrations();
        assertFalse(files.isEmpty(), "the modules register services (the notebook views, the renderers)");
        for (Path file : files) {
            Class<?> service = load(file.getFileName().toString(), file);
            List<String> implementations = Files.readAllLines(file).stream()
                    .map(line -> line.replaceFirst("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .toList();
            assertFalse(implementations.isEmpty(), file + " names no implementation");
            for (String implementation : implementations) {
                assertTrue(
                        service.isAssignableFrom(load(implementation, file)),
                        implementation + " in " + file + " does not implement " + service.getName());
            }
        }
    }

    private static Class<?> load(String name, Path file) {
        try {
            return Class.forName(name, false, ServiceRegistrationsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return fail(file + " names " + name + ", which no module has (was it moved or renamed? rename the file or"
                    + " its line to the class's new name)");
        }
    }
}
