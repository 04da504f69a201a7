package ai.lepton.train.download;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Where one download stands, as a {@link DownloadView} shows it.
 *
 * @param url     what is downloaded (shown without its query, which may hold a token)
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
        String shown = shown(url);
        return switch (state) {
            case RUNNING ->
                "Downloading " + shown + ": " + size(bytes)
                        + (length >= 0
                                ? " of " + size(length) + String.format(Locale.ROOT, " (%.0f%%)", 100 * fraction())
                                : "")
                        + rate();
            case DONE -> "Downloaded " + shown + ": " + size(bytes) + " in " + seconds(elapsed);
            case STOPPED -> "Stopped downloading " + shown + " after " + size(bytes) + " in " + seconds(elapsed);
        };
    }

    private String rate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds < 0.5 ? "" : ", " + size(Math.round(bytes / seconds)) + "/s";
    }

    /** A URL as messages and views show it: without its query and user information, which may hold secrets. */
    static String shown(URI url) {
        if (url.isOpaque() || url.getHost() == null) {
            return url.getScheme() + ":" + (url.isOpaque() ? url.getSchemeSpecificPart() : url.getPath());
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort())
                + url.getRawPath();
    }

    /** Bytes in binary units, as {@code -Xmx} and {@code LEPTON_DOWNLOAD_LIMIT} count them: 1.5 KiB, 12.3 MiB. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toNanos() / 1e9);
    }
}
