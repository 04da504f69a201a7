package ai.lepton.train.download;

import ai.lepton.base.ByteSize;
import ai.lepton.base.Sha256;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * The bytes of one download on their way into a file: counted against the limit (whatever length the source declared),
 * hashed as they pass, shown to the view, and stopped by a thread interrupt between two pieces.
 */
final class Transfer {

    private static final int PIECE = 64 * 1024;

    private final URI url;
    private final long length;
    private final long limit;
    private final DownloadView view;
    private final long started = System.nanoTime();
    private final MessageDigest digest = Sha256.newDigest();
    private long bytes;

    /**
     * @param length the bytes the source declared, or -1 when it declared none
     * @param limit  the most bytes accepted; the copy stops at the first byte past it
     */
    Transfer(URI url, long length, long limit, DownloadView view) {
        this.url = url;
        this.length = length;
        this.limit = limit;
        this.view = view;
    }

    /** Copies {@code in} to {@code out} up to the limit; a body shorter than its declared length is an error. */
    void copy(InputStream in, OutputStream out) throws IOException {
        view.update(progress(DownloadProgress.State.RUNNING));
        byte[] piece = new byte[PIECE];
        for (int read = in.read(piece); read != -1; read = in.read(piece)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted");
            }
            if (read > limit - bytes) {
                throw Downloader.tooLarge(url, limit, "sent more than");
            }
            digest.update(piece, 0, read);
            out.write(piece, 0, read);
            bytes += read;
            view.update(progress(DownloadProgress.State.RUNNING));
        }
        if (length >= 0 && bytes < length) {
            throw new EOFException("the body ended at byte " + bytes + " of the " + length + " it declared");
        }
    }

    /** The SHA-256 of what was copied; call once, after {@link #copy}. */
    Sha256 sha256() {
        return Sha256.of(digest);
    }

    /** Tells the view how the download ended. */
    void end(DownloadProgress.State state) {
        view.update(progress(state));
    }

    /** What arrived, as a message says it: {@code 1.2 MiB of 4.0 MiB}. */
    String arrived() {
        return ByteSize.text(bytes) + (length >= 0 ? " of " + ByteSize.text(length) : "");
    }

    private DownloadProgress progress(DownloadProgress.State state) {
        return new DownloadProgress(url, bytes, length, Duration.ofNanos(System.nanoTime() - started), state);
    }
}
