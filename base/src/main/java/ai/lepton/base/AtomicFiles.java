package ai.lepton.base;

import java.io.IOException;
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

    public static void write(Path file, byte[] bytes) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, TEMPORARY_PREFIX, ".tmp", SHAREABLE);
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
