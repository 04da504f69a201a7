package ai.lepton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.base.LeptonException;
import ai.lepton.sweep.SweepException;
import ai.lepton.sweep.SweepOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The library's own exceptions say what the user got wrong, so each is a {@link LeptonException}: the kernel shows
 * those as a mistake to fix, and anything else as an internal error with its stack.
 */
class LibraryExceptionsTest {

    @Test
    void everyExceptionTheLibraryDeclaresIsALeptonException() throws IOException, URISyntaxException {
        Path classes = Path.of(
                Lepton.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> declared;
        try (Stream<Path> files = Files.walk(classes)) {
            declared = files.map(file -> classes.relativize(file).toString())
                    .filter(name -> name.endsWith("Exception.class") && !name.contains("$"))
                    .map(name ->
                            name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .toList();
        }
        assertTrue(declared.contains(SweepException.class.getName()), "found the library's exceptions: " + declared);
        List<String> others = declared.stream()
                .filter(name -> !LeptonException.class.isAssignableFrom(load(name)))
                .toList();
        assertEquals(List.of(), others, "exceptions that the kernel would show as internal errors");
    }

    @Test
    void aSweepsMistakeIsALeptonExceptionThatSaysWhatToDo() {
        LeptonException mistake =
                assertThrows(LeptonException.class, () -> SweepOptions.builder().set("scheduler", "hyperband"));
        assertEquals(
                "Sweep option 'scheduler' is hyperband; it must be one of [asha, median, none].", mistake.getMessage());
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, LibraryExceptionsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name, e);
        }
    }
}
