package ai.lepton.runtime.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder that lives for one piece of work and is deleted after it: where a verified artifact's entries are unpacked
 * for the libraries that read only files (DJL's parameter loader, Hugging Face's tokenizer), and where promotion has
 * DJL save a network.
 */
public final class TemporaryFolder {

    /** The work done in the folder, and what it makes. */
    @FunctionalInterface
    public interface Work<T> {
        T in(Path folder) throws IOException;
    }

    private TemporaryFolder() {}

    /**
     * Runs {@code work} in a new folder named from {@code prefix}, then deletes the folder and what it holds; returns
     * what the work made.
     */
    public static <T> T with(String prefix, Work<T> work) {
        Path folder = create(prefix);
        try {
            return work.in(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } finally {
            delete(folder);
        }
    }

    /** A new folder named from {@code prefix}, readable only by this user where the file system says so. */
    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    /** Deletes {@code folder} and what it holds. */
    static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary file is harmless; what was read is in memory
        }
    }
}
