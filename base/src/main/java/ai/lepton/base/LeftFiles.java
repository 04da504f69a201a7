package ai.lepton.base;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Files and folders a piece of work keeps in a temporary folder only while it runs, removed after it, and what a JVM
 * killed before it could clean up left behind, removed by the next one: a copy of DuckDB's native library, an unpacked
 * artifact. Removal is best effort: what cannot be removed (another user's, or gone meanwhile) stays.
 */
public final class LeftFiles {

    private LeftFiles() {}

    /** Deletes {@code path}: a file, or a folder and everything in it (links are removed, never followed). */
    public static void delete(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(LeftFiles::deleteOne);
        } catch (IOException | RuntimeException e) {
            // gone already, or not ours to list: nothing more to remove
        }
    }

    /**
     * Deletes each file or folder of {@code folder} whose name matches {@code glob} and that was last modified before
     * {@code before}: what JVMs killed before their clean-up ran left there. A JVM working now keeps what it uses
     * newer than {@code before}.
     */
    public static void removeOlder(Path folder, String glob, Instant before) {
        try (DirectoryStream<Path> left = Files.newDirectoryStream(folder, glob)) {
            for (Path path : left) {
                if (modifiedBefore(path, before)) {
                    delete(path);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a folder we may not list: nothing to clean
        }
    }

    private static boolean modifiedBefore(Path path, Instant before) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS)
                    .toInstant()
                    .isBefore(before);
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    private static void deleteOne(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // another user's, or in use where the system forbids deleting it: leave it
        }
    }
}
