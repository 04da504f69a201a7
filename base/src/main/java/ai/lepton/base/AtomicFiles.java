package ai.lepton.base;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that a reader sees its old content or its new content, never part of it: the bytes go to a
 * temporary file beside it, which is then renamed over it. A failure anywhere leaves the old file as it was and no
 * temporary file behind.
 */
public final class AtomicFiles {

    /** Temporary files start with this, so that nothing reading a folder mistakes one for a finished file. */
    public static final String TEMPORARY_PREFIX = ".writing-";
    // not createTempFile's owner-only default: in a team's folders colleagues read what you write (the umask still
    // applies)
    private static final FileAttribute<Set<PosixFilePermission>> SHAREABLE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-"));

    private AtomicFiles() {}

    /** What a file's bytes are, written to a stream (so that a large file need not be held in memory first). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    public static void write(Path file, Content content) throws IOException {
        writeWith(file, temporary -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
                content.writeTo(out);
            }
        });
    }

    /** What writes a file's bytes to a path it is given (a library that writes files itself, such as DuckDB's COPY). */
    @FunctionalInterface
    public interface Producer {
        void writeTo(Path temporary) throws IOException;
    }

    /** Lets {@code producer} write the file beside its place, then renames it over {@code file}. */
    public static void writeWith(Path file, Producer producer) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, TEMPORARY_PREFIX, ".tmp", SHAREABLE);
        try {
            producer.writeTo(temporary);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
