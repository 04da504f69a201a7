package ai.lepton.train.download;

import ai.lepton.base.AtomicFiles;
import ai.lepton.base.ByteSize;
import ai.lepton.base.Settings;
import ai.lepton.base.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Fetches a URL into a file, bounded: {@code http} and {@code https} over the network, {@code file} and {@code jar} (a
 * resource on the classpath, {@code jar:///models/x.zip}) from this machine. Every download has a limit on its size
 * ({@code LEPTON_DOWNLOAD_LIMIT}: a declared length over it is refused before the body is read, a body that passes it
 * is stopped there) and a timeout ({@code LEPTON_DOWNLOAD_TIMEOUT}: to connect, for the answer, and between two pieces
 * of the body). Redirects are followed only within the host and port the URL names (or from http to https on their
 * default ports), and never from https to http. A URL is checked before any request ({@link #check}), and every message
 * shows it as {@link ShownUrl} does, without what may hold a secret. A thread interrupt stops a download at once. The
 * bytes go to a temporary file beside the target, which is renamed into place only when the download is complete (and
 * has the SHA-256 asked for), so a failed or interrupted download leaves nothing behind and two processes fetching the
 * same file each end with a whole one.
 *
 * <pre>{@code
 * try (Downloader downloader = Downloader.builder().build()) {
 *     downloader.fetch(URI.create("https://example.org/model.zip"), folder.resolve("model.zip"), null);
 * }
 * }</pre>
 */
public final class Downloader implements AutoCloseable {

    private static final Set<String> SCHEMES = Set.of("http", "https", "file", "jar");
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MOST_REDIRECTS = 5;

    private final long limit;
    private final Duration timeout;
    private final DownloadView view;
    private final HttpClient client;

    private Downloader(Builder builder) {
        limit = Settings.DOWNLOAD_LIMIT.get();
        timeout = Settings.DOWNLOAD_TIMEOUT.get();
        view = builder.view != null ? builder.view : DownloadView.standard();
        client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER) // each hop is checked below
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Downloads {@code url} into {@code file} (its folder is made if missing; a file there is replaced only by a complete
     * download).
     *
     * @param expected the SHA-256 the bytes must have, or null to take them as they come
     * @throws DownloadException when the download is refused, fails or is interrupted (the interrupt stays set)
     */
    public void fetch(URI url, Path file, Sha256 expected) {
        check(url);
        if (network(url)) {
            fetchHttp(url, file, expected);
        } else {
            fetchLocal(url, file, expected);
        }
    }

    /**
     * Refuses, before any request, a URL this downloader cannot fetch: one of another scheme, or an http(s) URL with no
     * host that Java's URL parser accepts.
     *
     * @throws DownloadException saying what is wrong with the URL and what to write instead
     */
    public static void check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new DownloadException(
                    "Cannot download " + ShownUrl.of(url) + ": Lepton reads http, https, file and jar URLs.");
        }
        if (network(url) && url.getHost() == null) {
            String authority = url.getRawAuthority();
            throw new DownloadException("Cannot download " + ShownUrl.of(url) + ": "
                    + (authority == null || authority.isEmpty()
                            ? "it names no host; write it as " + scheme + "://host/path."
                            : "Java's URL parser takes no host from it, as it does not accept host names with '_' (as"
                                    + " docker-compose service names often have) or other characters a host name may"
                                    + " not have. Name the host another way (its IP address, or an alias without '_'),"
                                    + " or download the file yourself and give its path."));
        }
    }

    /** Whether {@code url} is fetched over the network (http or https) rather than read on this machine. */
    public static boolean network(URI url) {
        String scheme = url.getScheme();
        return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
    }

    private void fetchHttp(URI url, Path file, Sha256 expected) {
        URI at = url;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<BodyStream> response = send(url, at);
            try (BodyStream body = response.body()) {
                int status = response.statusCode();
                String location = response.headers().firstValue("Location").orElse(null);
                if (REDIRECTS.contains(status) && location != null) {
                    if (redirects == MOST_REDIRECTS) {
                        throw new DownloadException("The download of " + ShownUrl.of(url) + " was redirected "
                                + MOST_REDIRECTS + " times without reaching a file; use the URL the file is at.");
                    }
                    at = redirect(url, at, location);
                    continue;
                }
                if (status != 200) {
                    throw new DownloadException(ShownUrl.of(at) + " answered HTTP " + status
                            + " instead of the file"
                            + (at.equals(url) ? "" : " (redirected from " + ShownUrl.of(url) + ")")
                            + "; check the URL, and that the server lets you read it without signing in.");
                }
                long length = declaredLength(response);
                if (length > limit) {
                    throw tooLarge(url, limit, "is " + ByteSize.text(length) + ", more than");
                }
                write(url, body, length, file, expected);
                return;
            }
        }
    }

    private HttpResponse<BodyStream> send(URI url, URI at) {
        try {
            HttpRequest request =
                    HttpRequest.newBuilder(at).timeout(timeout).GET().build();
            return client.send(request, answer -> new BodyStream(timeout));
        } catch (HttpConnectTimeoutException e) {
            throw new DownloadException(
                    "Could not connect to " + at.getHost() + " within "
                            + DownloadProgress.seconds(timeout) + " to download " + ShownUrl.of(url)
                            + ": check the address and the network (LEPTON_DOWNLOAD_TIMEOUT sets the seconds to wait).",
                    e);
        } catch (HttpTimeoutException e) {
            throw new DownloadException(
                    at.getHost() + " did not answer within " + DownloadProgress.seconds(timeout)
                            + " to the download of " + ShownUrl.of(url) + "; try again later"
                            + " (LEPTON_DOWNLOAD_TIMEOUT sets the seconds to wait).",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // passed on: the cell stops too
            throw new DownloadException("The download of " + ShownUrl.of(url) + " was interrupted.", e);
        } catch (IOException e) {
            throw new DownloadException(
                    "Could not download " + ShownUrl.of(url) + " from " + at.getHost() + ": " + reason(e)
                            + ". Check the address and the network.",
                    e);
        } catch (IllegalArgumentException e) { // a URL Java's HTTP client will not request; its message repeats the URL
            throw new DownloadException(
                    "Cannot download " + ShownUrl.of(url) + ": Java's HTTP client cannot request "
                            + (at.equals(url) ? "it" : "where it is redirected, " + ShownUrl.target(at))
                            + ". Check how the URL is written.",
                    e);
        }
    }

    /**
     * The next hop of a redirect from {@code at} to {@code location}, which must stay on the host and port and never go
     * from https to http (from http to https is fine, on the default ports too): a download goes nowhere the user did not
     * name.
     */
    static URI redirect(URI url, URI at, String location) {
        String redirects = ShownUrl.of(at) + " redirects the download of " + ShownUrl.of(url) + " to ";
        URI next;
        try {
            next = at.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new DownloadException(redirects + "'" + ShownUrl.of(location) + "', which is not a URL.");
        }
        String scheme = String.valueOf(next.getScheme()).toLowerCase(Locale.ROOT);
        boolean fromHttp = at.getScheme().equalsIgnoreCase("http");
        if (!scheme.equals("https") && !(scheme.equals("http") && fromHttp)) {
            throw new DownloadException(redirects + ShownUrl.target(next) + ", which is "
                    + (scheme.equals("http") ? "not encrypted: Lepton does not follow https to http" : "not http(s)")
                    + ". Use an https URL the server answers directly.");
        }
        if (next.getHost() == null || !next.getHost().equalsIgnoreCase(at.getHost())) {
            String host = next.getHost() != null ? next.getHost() : "one Java's URL parser does not accept";
            throw new DownloadException(redirects + "another host, " + host + " (" + ShownUrl.target(next)
                    + "). Lepton follows redirects only within " + at.getHost() + ", so that a download goes nowhere"
                    + " you did not name; if you trust " + host + ", use that URL directly.");
        }
        boolean upgrade = fromHttp && scheme.equals("https") && port(at) == 80 && port(next) == 443;
        if (port(next) != port(at) && !upgrade) {
            throw new DownloadException(redirects + "port " + port(next) + " of " + at.getHost() + " ("
                    + ShownUrl.target(next) + "). Lepton follows redirects only to the port the download began on, "
                    + port(at) + " (or from http's default port to https's), as another port may be another server;"
                    + " if you trust it, use that URL directly.");
        }
        return next;
    }

    /** The port {@code url} reaches: the one it names, else its scheme's. */
    private static int port(URI url) {
        return url.getPort() != -1 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** A file on this machine, or a resource on the classpath: read like a download, with the same limit. */
    private void fetchLocal(URI url, Path file, Sha256 expected) {
        URL source = local(url);
        try {
            URLConnection connection = source.openConnection();
            long length = connection.getContentLengthLong();
            if (length > limit) {
                throw tooLarge(url, limit, "is " + ByteSize.text(length) + ", more than");
            }
            try (InputStream in = connection.getInputStream()) {
                write(url, in, length, file, expected);
            }
        } catch (IOException e) {
            throw new DownloadException("Cannot read " + ShownUrl.of(url) + ": " + reason(e) + ".", e);
        }
    }

    private static URL local(URI url) {
        try {
            if (url.getScheme().equalsIgnoreCase("file")) {
                Path path = Path.of(url); // refuses a file: URL that names another machine
                if (!Files.isRegularFile(path)) {
                    throw new DownloadException("There is no file " + path + " (from " + ShownUrl.of(url) + ").");
                }
                return path.toUri().toURL();
            }
            if (url.isOpaque()) {
                throw new DownloadException(
                        ShownUrl.of(url) + " is not a jar: URL Lepton reads: it names a resource on the"
                                + " classpath, such as jar:///models/digits.zip; give a file by its path.");
            }
            String resource = url.getPath().replaceFirst("^/+", "");
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            URL found = (loader != null ? loader : Downloader.class.getClassLoader()).getResource(resource);
            if (found == null) {
                throw new DownloadException(
                        "There is no resource " + resource + " on the classpath (from " + ShownUrl.of(url) + ").");
            }
            String protocol = found.getProtocol();
            if (!protocol.equals("file")
                    && !(protocol.equals("jar") && found.getPath().startsWith("file:"))) {
                throw new DownloadException("The resource " + resource + " (from " + ShownUrl.of(url) + ") is at "
                        + found + ", not on this machine; Lepton reads jar: URLs only from local files.");
            }
            return found;
        } catch (IOException | IllegalArgumentException e) {
            throw new DownloadException(
                    "Cannot read " + ShownUrl.of(url) + ": " + reason(e)
                            + ". A file: URL names a file on this machine, such as file:///data/model.zip.",
                    e);
        }
    }

    /** Copies a body into {@code file} through a temporary file, renamed into place only when it is complete. */
    private void write(URI url, InputStream body, long length, Path file, Sha256 expected) {
        Transfer transfer = new Transfer(url, length, limit, view);
        try {
            AtomicFiles.write(file, out -> {
                transfer.copy(body, out);
                Sha256 found = transfer.sha256();
                if (expected != null && !expected.equals(found)) {
                    throw new DownloadException(ShownUrl.of(url) + " has SHA-256 " + found + ", not the " + expected
                            + " asked for, so it was not kept. Check the URL and the digest.");
                }
            });
        } catch (IOException e) {
            transfer.end(DownloadProgress.State.STOPPED);
            throw failed(url, transfer, e);
        } catch (RuntimeException e) {
            transfer.end(DownloadProgress.State.STOPPED);
            throw e;
        }
        transfer.end(DownloadProgress.State.DONE);
    }

    private DownloadException failed(URI url, Transfer transfer, IOException e) {
        String shown = ShownUrl.of(url);
        if (Thread.currentThread().isInterrupted()) { // set by the body's wait, or by the file's channel
            return new DownloadException(
                    "The download of " + shown + " was interrupted after " + transfer.arrived()
                            + "; the partial file was removed.",
                    e);
        }
        if (e instanceof HttpTimeoutException) {
            return new DownloadException(
                    shown + " sent nothing for " + DownloadProgress.seconds(timeout) + " after " + transfer.arrived()
                            + ", so the download stopped and its partial file was removed. Try again later, or give"
                            + " a slow server more time with LEPTON_DOWNLOAD_TIMEOUT (seconds).",
                    e);
        }
        return new DownloadException(
                "The download of " + shown + " broke off after " + transfer.arrived() + ": " + reason(e)
                        + ". Nothing was kept; try again.",
                e);
    }

    /** Refuses a download over the limit; {@code what} says how it is known: "is 3.0 GiB, more than", "sent more than". */
    static DownloadException tooLarge(URI url, long limit, String what) {
        return new DownloadException(ShownUrl.of(url) + " " + what + " the " + ByteSize.text(limit)
                + " a download may have, so it was not downloaded. If you expect a file this large, raise the limit"
                + " with LEPTON_DOWNLOAD_LIMIT (such as 8g).");
    }

    private static long declaredLength(HttpResponse<?> response) {
        try {
            return response.headers().firstValueAsLong("Content-Length").orElse(-1);
        } catch (NumberFormatException e) {
            return -1; // then the body is counted as it comes
        }
    }

    /** The most telling message of {@code error} and its causes (a refused connection says it only in its cause). */
    private static String reason(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return error.getClass().getSimpleName();
    }

    /** Closes the connections this downloader holds. */
    @Override
    public void close() {
        client.close();
    }

    /** Builder in DJL's style; the limit and the timeout are the settings {@code LEPTON_DOWNLOAD_*}. */
    public static final class Builder {

        private DownloadView view;

        private Builder() {}

        /** Where downloads are shown; default {@link DownloadView#standard()}. */
        public Builder optView(DownloadView view) {
            this.view = view;
            return this;
        }

        public Downloader build() {
            return new Downloader(this);
        }
    }
}
