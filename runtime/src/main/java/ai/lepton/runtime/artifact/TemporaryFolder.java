package ai.lepton.runtime.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder that lives for one piece of work and is deleted after it, for the libraries that read entries only from
 * files (DJL's parameter loader, Hugging Face's tokenizer).
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
        Path folder;
        try {
            folder = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            return work.in(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary file is harmless; what was read is in memory
            }
        }
    }
}
