package ai.lepton.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

class AtomicFilesTest {

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheContentAndLeavesNothingElse(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("entry.json");
        AtomicFiles.write(file, "old");
        AtomicFiles.write(file, "new");
        assertEquals("new", Files.readString(file));
        assertEquals(List.of("entry.json"), names(folder));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path folder) throws IOException {
        Path occupied = folder.resolve("occupied");
        Files.createDirectories(
                occupied.resolve("inside")); // a non-empty folder cannot be replaced by a file: the rename fails
        assertThrows(IOException.class, () -> AtomicFiles.write(occupied, "text"));
        assertEquals(List.of("occupied"), names(folder));
        assertEquals(List.of("inside"), names(occupied));
    }

    @Test
    void createsTheFolderItWritesInto(@TempDir Path folder) throws IOException {
        AtomicFiles.write(folder.resolve("a/b/c.txt"), "x");
        assertEquals("x", Files.readString(folder.resolve("a/b/c.txt")));
    }
}
