package ai.lepton.train.pretrained;

import ai.lepton.base.Settings;
import ai.lepton.base.Sha256;
import ai.lepton.train.download.DownloadCache;
import ai.lepton.train.download.DownloadException;
import ai.lepton.train.download.Downloader;
import ai.lepton.train.download.ShownUrl;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A {@code pretrained:} value that is a URL, the one kind of value Lepton fetches: an archive of a Lepton model
 * ({@code .zip}, {@code .tar.gz}, {@code .tgz}, {@code .tar}) or a TorchScript file, over http(s), or from this machine
 * ({@code file:}, or {@code jar:} for a resource on the classpath). A fragment {@code #sha256=HEX} makes its SHA-256
 * required. It may hold no credentials ({@code user:token@}): the value is recorded with the run. Downloads are kept
 * under {@code LEPTON_HOME/downloads} ({@link DownloadCache}), so the next use reads the file from there; either way the
 * model is then loaded from the local file, as a path would be.
 */
final class PretrainedUrl {

    private static final Pattern URL = Pattern.compile("(?i)(https?|file|jar):.*");
    private static final Pattern SHA256_FRAGMENT = Pattern.compile("sha256=(.*)");
    private static final Pattern ARCHIVE = Pattern.compile("(?i).*\\.(zip|tar|tar\\.gz|tgz)");
    private static final Pattern UNSAFE = Pattern.compile("[^\\w.-]");
    private static final String DOWNLOADS = "downloads";

    private final URI url;
    private final Sha256 sha256;
    private final String fileName;

    private PretrainedUrl(URI url, Sha256 sha256, String fileName) {
        this.url = url;
        this.sha256 = sha256;
        this.fileName = fileName;
    }

    /** Whether {@code reference} is a URL (http, https, file or jar) rather than a path or a hub id. */
    static boolean names(String reference) {
        return URL.matcher(reference).matches();
    }

    /**
     * Refuses a URL with user information: a {@code pretrained:} value is recorded in the run's parameters and lineage,
     * where a password or token would be read by the whole team.
     */
    static void refuseCredentials(String reference) {
        if (names(reference) && ShownUrl.hasUserInformation(reference)) {
            throw refused(
                    reference,
                    "holds credentials (the user information before '@', not shown here). Credentials in a URL would be"
                            + " recorded in the run's parameters and lineage, which the whole team reads: use a URL"
                            + " that needs none, or download the file yourself and give its path");
        }
    }

    /** Reads {@code reference} (a URL, see {@link #names}); refuses one that names nothing Lepton can load. */
    static PretrainedUrl parse(String reference) {
        refuseCredentials(reference);
        URI written;
        try {
            written = new URI(reference);
        } catch (URISyntaxException e) {
            throw refused(reference, "is not a valid URL (" + e.getReason() + " at character " + e.getIndex() + ")");
        }
        Sha256 sha256 = null;
        if (written.getFragment() != null) {
            var fragment = SHA256_FRAGMENT.matcher(written.getFragment());
            if (!fragment.matches()) {
                throw refused(
                        reference,
                        "ends in #" + written.getFragment() + "; the one fragment Lepton reads is"
                                + " #sha256= and the file's 64 hexadecimal digits");
            }
            try {
                sha256 = new Sha256(fragment.group(1));
            } catch (IllegalArgumentException e) {
                throw refused(reference, "asks for a SHA-256 that is not one: " + e.getMessage());
            }
        }
        URI url = withoutFragment(written);
        String path = url.getPath();
        if (url.isOpaque() || path == null || path.isEmpty() || path.endsWith("/")) {
            throw refused(
                    reference,
                    "names no file; give the URL of a file, such as https://host/models/model.zip,"
                            + " file:///data/model.zip or jar:///models/model.zip (a resource on the classpath)");
        }
        try {
            Downloader.check(url);
        } catch (DownloadException e) {
            throw new PretrainedException("pretrained: " + e.getMessage(), e);
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (!ARCHIVE.matcher(name).matches() && !PretrainedLocator.namesTorchScript(name)) {
            throw refused(
                    reference,
                    "names " + name + ", which is neither an archive of a Lepton model (.zip, .tar.gz,"
                            + " .tgz, .tar) nor a TorchScript file (.pt, .pth, .torchscript): the files Lepton fetches");
        }
        return new PretrainedUrl(url, sha256, UNSAFE.matcher(name).replaceAll("_"));
    }

    /** The model's local file: the kept download, else fetched now (a file: or jar: URL is read each time). */
    Path fetch() {
        try {
            return new DownloadCache(Settings.HOME.get().resolve(DOWNLOADS)).get(url, fileName, sha256);
        } catch (DownloadException e) {
            throw new PretrainedException("pretrained: " + e.getMessage(), e);
        }
    }

    private static URI withoutFragment(URI url) {
        String text = url.toString();
        int hash = text.indexOf('#');
        return hash < 0 ? url : URI.create(text.substring(0, hash));
    }

    private static PretrainedException refused(String reference, String what) {
        return new PretrainedException("pretrained: " + ShownUrl.of(reference) + " " + what + ".");
    }
}
