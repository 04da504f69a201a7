package ai.lepton.data.duckdb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

class LeftLibrariesTest {

    @TempDir
    Path tmp;

    @Test
    void oldCopiesOfTheNativeLibraryGoAndNewOnesAndOtherFilesStay() throws IOException {
        Path old = Files.writeString(tmp.resolve("libduckdb_java123.so"), "left by a killed JVM");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path fresh = Files.writeString(tmp.resolve("libduckdb_java456.so"), "a JVM starting now");
        Path other = Files.writeString(tmp.resolve("libother.so"), "not ours");
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        DuckDb.removeLeftLibraries(tmp, Instant.now().minus(Duration.ofMinutes(10)));

        assertFalse(Files.exists(old));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(other));
    }
}
