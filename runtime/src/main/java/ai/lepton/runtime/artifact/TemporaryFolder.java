package ai.lepton.runtime.artifact;

import ai.lepton.base.LeftFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A folder that lives for one piece of work and is deleted after it: where a verified artifact's entries are unpacked
 * for the libraries that read only files (DJL's parameter loader, Hugging Face's tokenizer), and where promotion has
 * DJL save a network. Each sits in {@code java.io.tmpdir}; what a killed JVM left there is swept by the next load.
 */
public final class TemporaryFolder {

    /** The work done in the folder, and what it makes. */
    @FunctionalInterface
    public interface Work<T> {
        T in(Path folder) throws IOException;
    }

    /** How old a left folder must be to be swept: no load takes this long, so no JVM still reads one. */
    private static final Duration STALE = Duration.ofDays(1);

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

    /** Where the folders are made: {@code java.io.tmpdir}. */
    static Path root() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A new folder named from {@code prefix}, readable only by this user where the file system says so. */
    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(root(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    /** Deletes {@code folder} and what it holds. */
    static void delete(Path folder) {
        LeftFiles.delete(folder); // a leftover is harmless: what was read is in memory, and the next load sweeps it
    }

    /** Removes the files and folders named from {@code prefix} that JVMs killed while loading left, a day or more ago. */
    static void sweep(String prefix) {
        LeftFiles.removeOlder(root(), prefix + "*", Instant.now().minus(STALE));
    }
}
