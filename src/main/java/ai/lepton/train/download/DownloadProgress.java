package ai.lepton.train.download;

import ai.lepton.base.ByteSize;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Where one download stands, as a {@link DownloadView} shows it.
 *
 * @param url     what is downloaded (shown as {@link ShownUrl} shows it: without what may hold a secret)
 * @param bytes   the bytes that arrived so far
 * @param length  the bytes the server said the body has, or -1 when it said nothing
 * @param elapsed the time since the download began
 * @param state   running, done, or stopped (refused, failed or interrupted; the exception says why)
 */
public record DownloadProgress(URI url, long bytes, long length, Duration elapsed, State state) {

    /** How far a download is. */
    public enum State {
        RUNNING,
        DONE,
        STOPPED
    }

    /** The share of the body that arrived, 0 to 1; 0 while the length is unknown. */
    public double fraction() {
        return length > 0 ? Math.min(1, (double) bytes / length) : 0;
    }

    /** One line, such as {@code Downloading https://host/model.zip: 12.3 MiB of 45.6 MiB (27%), 3.1 MiB/s}. */
    public String summary() {
        String shown = ShownUrl.of(url);
        return switch (state) {
            case RUNNING ->
                "Downloading " + shown + ": " + ByteSize.text(bytes)
                        + (length >= 0
                                ? " of " + ByteSize.text(length)
                                        + String.format(Locale.ROOT, " (%.0f%%)", 100 * fraction())
                                : "")
                        + rate();
            case DONE -> "Downloaded " + shown + ": " + ByteSize.text(bytes) + " in " + seconds(elapsed);
            case STOPPED ->
                "Stopped downloading " + shown + " after " + ByteSize.text(bytes) + " in " + seconds(elapsed);
        };
    }

    private String rate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds < 0.5 ? "" : ", " + ByteSize.text(Math.round(bytes / seconds)) + "/s";
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toNanos() / 1e9);
    }
}
