package ai.lepton.train.download;

import ai.lepton.base.AtomicFiles;
import ai.lepton.base.Sha256;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Downloads kept in a folder ({@code LEPTON_HOME/downloads}), one folder of their own per URL and SHA-256 asked for,
 * so that the next use reads the file from there without asking the server again. A kept file is trusted no more than
 * a download: when a digest is asked it is hashed again on every use (a changed file is downloaded again). Two threads
 * or processes that need the same download take turns ({@link FolderLock}): the second waits, then uses the first one's
 * file. A {@code file:} or {@code jar:} URL is read again each time, so that a changed file is seen. The partial files
 * of downloads that were killed are removed by the next download once they are a day old.
 */
public final class DownloadCache {

    /** How long a partial file may lie untouched before it counts as a killed download's (a live one grows). */
    static final Duration STALE = Duration.ofDays(1);

    private final Path folder;

    /** The downloads kept in {@code folder} (made when the first is kept). */
    public DownloadCache(Path folder) {
        this.folder = folder;
    }

    /**
     * The file {@code url} names, as {@code fileName}: the kept one, else downloaded now (waiting while another thread or
     * process downloads the same).
     *
     * @param expected the SHA-256 the file must have, or null to take it as it comes
     * @throws DownloadException when the URL is refused, the download fails, or the thread is interrupted (the
     *                           interrupt stays set)
     */
    public Path get(URI url, String fileName, Sha256 expected) {
        Downloader.check(url);
        Path kept = folder.resolve(key(url, expected));
        Path file = kept.resolve(fileName);
        try (FolderLock lock = FolderLock.take(kept)) {
            if (Downloader.network(url) && intact(file, expected)) {
                return file;
            }
            removeStaleTemporaries();
            try (Downloader downloader = Downloader.builder().build()) {
                downloader.fetch(url, file, expected);
            }
            return file;
        } catch (InterruptedException e) {
            throw new DownloadException(
                    "The download of " + ShownUrl.of(url) + " was interrupted while it waited for"
                            + " another download of the same file to end.",
                    e);
        } catch (IOException e) {
            throw new DownloadException(
                    "Cannot keep the download of " + ShownUrl.of(url) + " in " + kept + ": " + e.getMessage()
                            + ". Check that the folder can be written.",
                    e);
        }
    }

    /** The folder a download is kept in: named by the URL and the digest asked for (a wrong file is never kept). */
    private static String key(URI url, Sha256 expected) {
        String identity = url + "\n" + (expected == null ? "" : expected.hex());
        return Sha256.of(identity.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 20);
    }

    /** Whether a kept file is there, and has the digest asked for; one that does not is removed. */
    private static boolean intact(Path file, Sha256 expected) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        if (expected == null || expected.equals(Sha256.of(file))) {
            return true;
        }
        Files.delete(file); // changed since it was kept: downloaded again, and checked again
        return false;
    }

    /** Removes the partial files of killed downloads: those no download has written to for {@link #STALE}. */
    private void removeStaleTemporaries() throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        FileTime before = FileTime.from(Instant.now().minus(STALE));
        try (Stream<Path> files = Files.find(
                folder,
                2,
                (path, attributes) -> attributes.isRegularFile()
                        && path.getFileName().toString().startsWith(AtomicFiles.TEMPORARY_PREFIX)
                        && attributes.lastModifiedTime().compareTo(before) < 0)) {
            for (Path stale : files.toList()) {
                Files.deleteIfExists(stale);
            }
        }
    }
}
