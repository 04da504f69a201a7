package ai.lepton.train.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.base.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The downloader's own rules: which redirects it follows, how it shows progress, what a digest is. */
class DownloaderTest {

    private static final URI AT = URI.create("https://models.example.org/a/model.zip");

    @Test
    void aRedirectStaysOnTheHostAndNeverGoesFromHttpsToHttp() {
        assertEquals(
                URI.create("https://models.example.org/b/model.zip"), Downloader.redirect(AT, AT, "../b/model.zip"));
        URI plain = URI.create("http://models.example.org/model.zip");
        assertEquals(
                URI.create("https://models.example.org/model.zip"),
                Downloader.redirect(plain, plain, "https://models.example.org/model.zip"),
                "http to https on the same host is fine");
        DownloadException downgrade = assertThrows(
                DownloadException.class, () -> Downloader.redirect(AT, AT, "http://models.example.org/model.zip"));
        assertTrue(downgrade.getMessage().contains("which is not encrypted: Lepton does not follow https to http"));
        DownloadException elsewhere = assertThrows(
                DownloadException.class, () -> Downloader.redirect(AT, AT, "https://cdn.example.net/x/model.zip"));
        assertTrue(
                elsewhere
                                .getMessage()
                                .contains("to another host, cdn.example.net (https://cdn.example.net/x/model.zip)")
                        && elsewhere.getMessage().contains("only within models.example.org"),
                elsewhere.getMessage());
        DownloadException ftp =
                assertThrows(DownloadException.class, () -> Downloader.redirect(AT, AT, "ftp://models.example.org/m"));
        assertTrue(ftp.getMessage().contains("which is not http(s)"), ftp.getMessage());
    }

    @Test
    void aRedirectStaysOnThePortUnlessItGoesFromHttpToHttpsOnTheirDefaultPorts() {
        URI plain = URI.create("http://models.example.org/model.zip");
        assertEquals(
                URI.create("https://models.example.org:443/model.zip"),
                Downloader.redirect(plain, plain, "https://models.example.org:443/model.zip"));
        assertEquals(
                URI.create("https://models.example.org:443/b.zip"),
                Downloader.redirect(AT, AT, "https://models.example.org:443/b.zip"),
                "the default port named");
        URI local = URI.create("http://127.0.0.1:8080/model.zip");
        assertEquals(
                URI.create("https://127.0.0.1:8080/model.zip"),
                Downloader.redirect(local, local, "https://127.0.0.1:8080/model.zip"),
                "to https on the same port");
        DownloadException otherPort = assertThrows(
                DownloadException.class, () -> Downloader.redirect(AT, AT, "https://models.example.org:8443/x.zip"));
        assertTrue(
                otherPort
                        .getMessage()
                        .contains("to port 8443 of models.example.org (https://models.example.org:8443"
                                + "/x.zip). Lepton follows redirects only to the port the download began on, 443 (or from"
                                + " http's default port to https's)"),
                otherPort.getMessage());
        DownloadException fromOtherPort = assertThrows(
                DownloadException.class, () -> Downloader.redirect(local, local, "https://127.0.0.1/model.zip"));
        assertTrue(fromOtherPort.getMessage().contains("to port 443 of 127.0.0.1"), fromOtherPort.getMessage());
    }

    @Test
    void aUrlWithoutAHostJavaAcceptsIsRefusedBeforeAnyRequest(@TempDir Path folder) {
        try (Downloader downloader =
                Downloader.builder().optView(progress -> {}).build()) {
            DownloadException underscore = assertThrows(
                    DownloadException.class,
                    () -> downloader.fetch(
                            URI.create("https://model_server:8000/x.zip"), folder.resolve("x.zip"), null));
            assertTrue(
                    underscore
                            .getMessage()
                            .startsWith("Cannot download https://model_server:8000/x.zip: Java's URL"
                                    + " parser takes no host from it, as it does not accept host names with '_'"),
                    underscore.getMessage());
            assertTrue(
                    underscore.getMessage().contains("(its IP address, or an alias without '_')"),
                    underscore.getMessage());
            DownloadException none = assertThrows(
                    DownloadException.class,
                    () -> downloader.fetch(URI.create("https:///x.zip"), folder.resolve("x.zip"), null));
            assertEquals(
                    "Cannot download https:///x.zip: it names no host; write it as https://host/path.",
                    none.getMessage());
        }
    }

    @Test
    void aMessageShowsAUrlWithoutItsUserInformationOrQuery(@TempDir Path folder) {
        try (Downloader downloader =
                Downloader.builder().optView(progress -> {}).build()) {
            DownloadException ftp = assertThrows(
                    DownloadException.class,
                    () -> downloader.fetch(
                            URI.create("ftp://ada:secret@models.example.org/m.zip?token=abc"),
                            folder.resolve("m.zip"),
                            null));
            assertEquals(
                    "Cannot download ftp://models.example.org/m.zip: Lepton reads http, https, file and jar URLs.",
                    ftp.getMessage());
            DownloadException jar = assertThrows(
                    DownloadException.class,
                    () -> downloader.fetch(URI.create("jar:///nowhere.zip?token=abc"), folder.resolve("m.zip"), null));
            assertFalse(jar.getMessage().contains("abc"), jar.getMessage());
        }
        DownloadException elsewhere = assertThrows(
                DownloadException.class,
                () -> Downloader.redirect(AT, AT, "https://ada:secret@cdn.example.net/m.zip?token=abc"));
        assertTrue(
                elsewhere
                        .getMessage()
                        .contains("to another host, cdn.example.net (https://cdn.example.net/m.zip (its"
                                + " query left out, as it may hold a token))"),
                elsewhere.getMessage());
        assertFalse(
                elsewhere.getMessage().contains("secret")
                        || elsewhere.getMessage().contains("abc"),
                elsewhere.getMessage());
    }

    @Test
    void onlyAUrlsAuthorityIsTakenForUserInformation() {
        assertEquals("https://host.example/a//b@c.zip", ShownUrl.of("https://host.example/a//b@c.zip?x=1#sha256=0"));
        assertEquals("jar:https://host.example/x.jar", ShownUrl.of("jar:https://u:p@ss@host.example/x.jar"));
        assertTrue(ShownUrl.hasUserInformation("https://token@host.example/m.zip"));
        assertFalse(ShownUrl.hasUserInformation("https://host.example/a//b@c.zip"));
        assertFalse(ShownUrl.hasUserInformation("/data/user@host/model.zip"));
    }

    @Test
    void theConsoleShowsADownloadInAFewLinesNotALinePerPiece() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ConsoleDownloadView view = new ConsoleDownloadView(new PrintStream(printed, true, StandardCharsets.UTF_8));
        long length = 100L << 20;
        for (int piece = 0; piece <= 1600; piece++) { // 64 KiB pieces over 32 seconds
            view.update(new DownloadProgress(
                    AT, piece * 65_536L, length, Duration.ofMillis(piece * 20L), DownloadProgress.State.RUNNING));
        }
        view.update(new DownloadProgress(AT, length, length, Duration.ofSeconds(32), DownloadProgress.State.DONE));
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(5, lines.size(), "at the start, at 10, 20 and 30 s, and at the end: " + lines);
        assertEquals("Downloading https://models.example.org/a/model.zip: 0 bytes of 100 MiB (0%)", lines.get(0));
        assertEquals("Downloaded https://models.example.org/a/model.zip: 100 MiB in 32.0 s", lines.get(4));
    }

    @Test
    void aUrlIsShownWithoutItsQueryOrUserInformation() {
        DownloadProgress progress = new DownloadProgress(
                URI.create("https://ada:secret@host.example:8443/m.zip?token=abc"),
                3 << 20,
                -1,
                Duration.ofSeconds(2),
                DownloadProgress.State.RUNNING);
        assertEquals("Downloading https://host.example:8443/m.zip: 3 MiB, 1.5 MiB/s", progress.summary());
    }

    @Test
    void aDownloadIsShownAsItRunsAndEndsInOneFile(@TempDir Path folder) throws IOException {
        byte[] body = new byte[1 << 20];
        new Random(7).nextBytes(body);
        List<DownloadProgress> shown = new ArrayList<>();
        try (LocalServer server = new LocalServer().chunked("/m.zip", body);
                Downloader downloader = Downloader.builder().optView(shown::add).build()) {
            Path file = folder.resolve("m.zip");
            assertTimeoutPreemptively(
                    Duration.ofSeconds(60),
                    () -> downloader.fetch(URI.create(server.url("/m.zip")), file, Sha256.of(body)));
            assertArrayEquals(body, Files.readAllBytes(file));
        }
        assertTrue(shown.size() > 2, "each piece is heard: " + shown.size());
        DownloadProgress last = shown.getLast();
        assertEquals(DownloadProgress.State.DONE, last.state());
        assertEquals(body.length, last.bytes());
        assertEquals(-1, last.length(), "chunked: no length declared");
        try (var files = Files.list(folder)) {
            assertEquals(List.of(folder.resolve("m.zip")), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void aDigestIsSixtyFourHexadecimalDigits() {
        assertEquals("ab".repeat(32), new Sha256("AB".repeat(32)).hex());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Sha256("abc"));
        assertTrue(error.getMessage().contains("64 hexadecimal digits"), error.getMessage());
    }
}
