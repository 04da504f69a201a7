package ai.lepton.train.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.IsolatedHome;
import ai.lepton.base.AtomicFiles;
import ai.lepton.base.ByteSize;
import ai.lepton.base.Settings;
import ai.lepton.base.Sha256;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingException;
import ai.lepton.train.download.LocalServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@code pretrained:} URL is the one value Lepton downloads, and it downloads it bounded: a size limit, a timeout, no
 * redirect to another host, an interrupt that stops it, an optional SHA-256; once, into LEPTON_HOME. Served by a local
 * server that answers as a real file server does (and as badly behaved ones do).
 */
@ExtendWith(IsolatedHome.class)
class PretrainedUrlTest {

    private static final Duration NEVER_HANGS = Duration.ofSeconds(60);
    private static final String DIGITS = "/models/digits.zip";

    private static byte[] zip;
    private LocalServer server;

    @BeforeAll
    static void archive() throws IOException {
        zip = DigitsArchive.zip();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new LocalServer().file(DIGITS, zip);
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
        System.clearProperty(Settings.DOWNLOAD_LIMIT.property());
        System.clearProperty(Settings.DOWNLOAD_TIMEOUT.property());
        deleteDownloads();
    }

    private static Path downloads() {
        return Settings.HOME.get().resolve("downloads");
    }

    /** Every file under LEPTON_HOME/downloads: what a download kept, finished or not (not the folders' lock files). */
    private static List<Path> kept() throws IOException {
        if (!Files.exists(downloads())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(downloads())) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().equals(".lock"))
                    .toList();
        }
    }

    private static void deleteDownloads() throws IOException {
        if (Files.exists(downloads())) {
            try (Stream<Path> files = Files.walk(downloads())) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static String refusal(String reference) {
        return assertTimeoutPreemptively(
                        NEVER_HANGS,
                        () -> assertThrows(PretrainedException.class, () -> PretrainedLocator.resolve(reference)))
                .getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
    }

    @Test
    void aUrlIsDownloadedOnceIntoLeptonHomeAndTheSecondUseAsksTheServerNothing() throws IOException {
        PretrainedModel found =
                assertTimeoutPreemptively(NEVER_HANGS, () -> PretrainedLocator.resolve(server.url(DIGITS)));
        Path file = assertInstanceOf(PretrainedModel.Lepton.class, found).location();
        assertTrue(file.startsWith(downloads()), file.toString());
        assertEquals("digits.zip", file.getFileName().toString());
        assertArrayEquals(zip, Files.readAllBytes(file));
        assertEquals(1, server.requests(DIGITS));

        PretrainedModel again = PretrainedLocator.resolve(server.url(DIGITS));
        assertEquals(file.toString(), again.foundAt());
        assertEquals(1, server.requests(DIGITS), "the second use is served from LEPTON_HOME/downloads");
        assertEquals(List.of(file), kept());
    }

    @Test
    void aTorchScriptFileAtAUrlIsDownloadedAsTorchScript() throws IOException {
        byte[] module = Files.readAllBytes(Path.of("..", "models", "digits-mlp-torchscript", "backbone.pt"));
        String url = server.file("/backbone.pt", module).url("/backbone.pt") + "#sha256=" + Sha256.of(module);
        PretrainedModel found = assertTimeoutPreemptively(NEVER_HANGS, () -> PretrainedLocator.resolve(url));
        assertArrayEquals(
                module,
                Files.readAllBytes(assertInstanceOf(PretrainedModel.TorchScript.class, found)
                        .file()));
        assertTrue(PretrainedLocator.namesTorchScript(url), "as the run's lineage records it, digest and all");
    }

    @Test
    void aRedirectWithinTheHostIsFollowed() throws IOException {
        server.redirect("/old/digits.zip", 301, DIGITS).redirect("/latest.zip", 302, server.url("/old/digits.zip"));
        PretrainedModel found =
                assertTimeoutPreemptively(NEVER_HANGS, () -> PretrainedLocator.resolve(server.url("/latest.zip")));
        assertArrayEquals(zip, Files.readAllBytes(Path.of(found.foundAt())));
        assertEquals(1, server.requests(DIGITS));
    }

    @Test
    void aRedirectToAnotherHostIsRefusedNamingBothHostsAndTheUrlToUse() throws IOException {
        String elsewhere = server.url("localhost", DIGITS);
        server.redirect("/moved.zip", 302, elsewhere);
        assertContains(
                refusal(server.url("/moved.zip")),
                "pretrained: http://127.0.0.1:",
                "redirects the download of",
                "to another host, localhost (" + elsewhere + ")",
                "only within 127.0.0.1",
                "if you trust localhost, use that URL directly");
        assertEquals(0, server.requests(DIGITS), "the redirect is not followed");
        assertEquals(List.of(), kept());
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() throws InterruptedException, IOException {
        System.setProperty(Settings.DOWNLOAD_LIMIT.property(), "1m");
        server.endless("/huge.zip", 300L << 20);
        assertContains(
                refusal(server.url("/huge.zip")),
                "/huge.zip is 300 MiB, more than the 1 MiB a download may have",
                "LEPTON_DOWNLOAD_LIMIT");
        assertTrue(server.ended("/huge.zip", 30), "the connection was closed, so the server stopped writing");
        assertTrue(server.written("/huge.zip") < 64L << 20, server.written("/huge.zip") + " bytes written");
        assertEquals(List.of(), kept());
    }

    @Test
    void aBodyWithoutALengthIsStoppedAtTheLimit() throws InterruptedException, IOException {
        System.setProperty(Settings.DOWNLOAD_LIMIT.property(), "1m");
        server.endless("/endless.zip", 0);
        assertContains(
                refusal(server.url("/endless.zip")),
                "/endless.zip sent more than the 1 MiB a download may have",
                "raise the limit with LEPTON_DOWNLOAD_LIMIT");
        assertTrue(server.ended("/endless.zip", 30), "the connection was closed, so the server stopped writing");
        assertEquals(List.of(), kept(), "nothing of it was kept");
    }

    @Test
    void aStalledBodyIsStoppedByTheTimeout() throws IOException {
        System.setProperty(
                Settings.DOWNLOAD_TIMEOUT.property(), "3"); // it bounds connecting too: room for a busy machine
        server.stalling("/stalled.zip", 1 << 20, 10 * 1024);
        assertContains(
                refusal(server.url("/stalled.zip")),
                "/stalled.zip sent nothing for 3.0 s after 10 KiB of 1 MiB",
                "partial file was removed",
                "LEPTON_DOWNLOAD_TIMEOUT");
        assertEquals(List.of(), kept());
    }

    @Test
    void anInterruptStopsASlowDownloadAndRemovesThePartialFile() throws Exception {
        server.trickling("/slow.zip", 10 << 20, 20);
        Cell cell = new Cell("/slow.zip");
        assertTimeoutPreemptively(NEVER_HANGS, () -> {
            while (kept().isEmpty() || server.written("/slow.zip") < 8 * 1024) {
                Thread.sleep(20); // until part of the body is in the partial file
            }
        });
        long interrupted = System.nanoTime();
        assertTrue(cell.interruptAndJoin(), "the interrupt stopped the download");
        System.out.printf(
                "the download stopped %.0f ms after the interrupt%n", (System.nanoTime() - interrupted) / 1e6);
        PretrainedException error = assertInstanceOf(PretrainedException.class, cell.failure);
        assertContains(error.getMessage(), "/slow.zip was interrupted after", "the partial file was removed");
        assertTrue(cell.stillInterrupted, "the interrupt is passed on to the caller");
        assertEquals(List.of(), kept());
    }

    /** A notebook cell that resolves a URL of the server on a thread of its own: where it found the model, or why not. */
    private final class Cell {
        private final Thread thread;
        private volatile String foundAt;
        private volatile Throwable failure;
        private volatile boolean stillInterrupted;

        Cell(String path) {
            thread = new Thread(() -> {
                try {
                    foundAt = PretrainedLocator.resolve(server.url(path)).foundAt();
                } catch (Throwable e) {
                    failure = e;
                    stillInterrupted = Thread.currentThread().isInterrupted();
                }
            });
            thread.start();
        }

        /** Waits until it ends: whether it did. */
        boolean join() throws InterruptedException {
            thread.join(NEVER_HANGS);
            return !thread.isAlive();
        }

        /** Interrupts it and waits until it ends: whether it did. */
        boolean interruptAndJoin() throws InterruptedException {
            thread.interrupt();
            return join();
        }
    }

    @Test
    void aWrongSha256IsRefusedAndNothingIsKept() throws IOException {
        String actual = Sha256.of(zip).hex();
        String wrong = "0".repeat(64);
        assertContains(
                refusal(server.url(DIGITS) + "#sha256=" + wrong),
                "has SHA-256 " + actual + ", not the " + wrong + " asked for, so it was not kept");
        assertEquals(List.of(), kept());

        PretrainedModel found = PretrainedLocator.resolve(server.url(DIGITS) + "#sha256=" + actual.toUpperCase());
        assertArrayEquals(zip, Files.readAllBytes(Path.of(found.foundAt())));
        assertEquals(2, server.requests(DIGITS), "the wrong file was not kept, so the right one was downloaded");

        assertContains(refusal(server.url(DIGITS) + "#sha256=abc"), "asks for a SHA-256 that is not one");
        assertContains(refusal(server.url(DIGITS) + "#md5=abc"), "the one fragment Lepton reads is #sha256=");
        assertEquals(2, server.requests(DIGITS), "a digest that is not one is refused before any request");
    }

    @Test
    void aKeptDownloadThatChangedIsDownloadedAgainWhenADigestIsAsked() throws IOException {
        String url = server.url(DIGITS) + "#sha256=" + Sha256.of(zip);
        Path file = Path.of(assertTimeoutPreemptively(NEVER_HANGS, () -> PretrainedLocator.resolve(url))
                .foundAt());
        Files.write(file, new byte[] {1, 2, 3}); // changed on disk: by a colleague, a bad disk, an attacker
        assertEquals(file.toString(), PretrainedLocator.resolve(url).foundAt());
        assertArrayEquals(zip, Files.readAllBytes(file));
        assertEquals(2, server.requests(DIGITS), "the changed file was not used: it was downloaded again");
        PretrainedLocator.resolve(url);
        assertEquals(2, server.requests(DIGITS), "an intact file is used as it is");
    }

    @Test
    void trialsThatNeedTheSameUrlAtOnceDownloadItOnce() throws Exception {
        server.trickling("/slow.zip", 48 * 1024, 20); // about a second: the second asks while the first downloads
        List<Cell> trials = List.of(new Cell("/slow.zip"), new Cell("/slow.zip"));
        for (Cell trial : trials) {
            assertTrue(trial.join());
            assertNull(trial.failure, String.valueOf(trial.failure));
        }
        assertEquals(trials.get(0).foundAt, trials.get(1).foundAt, "one file for both");
        assertEquals(1, server.requests("/slow.zip"), "the second waited for the first one's download");
    }

    @Test
    void anInterruptEndsTheWaitForAnotherTrialsDownloadOfTheSameUrl() throws Exception {
        server.trickling("/slow.zip", 10 << 20, 20); // minutes: still running when the second one is interrupted
        Cell downloading = new Cell("/slow.zip");
        assertTimeoutPreemptively(NEVER_HANGS, () -> {
            while (server.written("/slow.zip") < 4 * 1024) {
                Thread.sleep(20);
            }
        });
        Cell waiting = new Cell("/slow.zip");
        Thread.sleep(200); // waiting by then; if not, it sees the interrupt as it begins to
        assertTrue(waiting.interruptAndJoin(), "the interrupt ended the wait");
        assertContains(
                assertInstanceOf(PretrainedException.class, waiting.failure).getMessage(),
                "/slow.zip was interrupted while it waited for another download of the same file");
        assertTrue(waiting.stillInterrupted, "the interrupt is passed on");
        assertTrue(downloading.interruptAndJoin());
        assertEquals(1, server.requests("/slow.zip"), "the interrupted one asked for nothing");
    }

    @Test
    void theNextDownloadRemovesPartialFilesOfKilledDownloadsOnceTheyAreADayOld() throws IOException {
        Path killed = Files.createDirectories(downloads().resolve("0123456789abcdef0123"));
        Path stale = Files.write(killed.resolve(AtomicFiles.TEMPORARY_PREFIX + "1.tmp"), new byte[1024]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(25))));
        Path live = Files.write(killed.resolve(AtomicFiles.TEMPORARY_PREFIX + "2.tmp"), new byte[1024]);
        Path finished = Files.write(killed.resolve("old.zip"), new byte[1024]);
        Files.setLastModifiedTime(finished, FileTime.from(Instant.now().minus(Duration.ofDays(30))));
        assertTimeoutPreemptively(NEVER_HANGS, () -> PretrainedLocator.resolve(server.url(DIGITS)));
        assertFalse(Files.exists(stale), "a day untouched: a killed download's");
        assertTrue(Files.exists(live), "perhaps another download's, still running");
        assertTrue(Files.exists(finished), "a finished download is kept however old");
    }

    @Test
    void aHostNameJavaDoesNotAcceptIsRefusedSayingWhatToDo() {
        assertContains(
                refusal("https://model_server:8000/models/digits.zip"),
                "pretrained: Cannot download https://model_server:8000/models/digits.zip: Java's URL parser takes no"
                        + " host from it, as it does not accept host names with '_'",
                "or download the file yourself and give its path");
        assertContains(refusal("https:///models/digits.zip"), "it names no host; write it as https://host/path.");
    }

    @Test
    void aUrlWithCredentialsIsRefusedBeforeARunRecordsIt() {
        String url = "https://ada:hunter2@models.example.org/digits.zip?token=abc";
        String refusal = refusal(url);
        assertContains(
                refusal,
                "pretrained: https://models.example.org/digits.zip holds credentials",
                "would be recorded in the run's parameters and lineage, which the whole team reads",
                "download the file yourself and give its path");
        assertFalse(refusal.contains("hunter2") || refusal.contains("abc"), refusal);
        TrainingException options =
                assertThrows(TrainingException.class, () -> TrainOptions.parse("pretrained: '" + url + "'"));
        assertEquals(refusal, options.getMessage(), "refused as the options are read, before any run is recorded");
    }

    @Test
    void aRefusedUrlIsShownWithoutItsQuery() {
        String refusal = refusal(server.url("/weights.bin") + "?token=hunter2");
        assertContains(refusal, "pretrained: http://127.0.0.1:", "/weights.bin names weights.bin");
        assertFalse(refusal.contains("hunter2"), refusal);
    }

    @Test
    void anErrorAnswerAndAFileThatIsNoModelAreSaid() {
        server.status("/missing.zip", 404);
        assertContains(
                refusal(server.url("/missing.zip")),
                "/missing.zip answered HTTP 404 instead of the file",
                "check the URL");
        assertContains(
                refusal(server.url("/weights.bin")),
                "names weights.bin, which is neither an archive of a Lepton model",
                ".pt");
        assertEquals(0, server.requests("/weights.bin"));
    }

    @Test
    void fileAndJarUrlsAreReadOnThisMachineWithinTheSameLimit() throws IOException {
        Path folder = Files.createDirectories(Settings.HOME.get().resolve("local"));
        Path archive = Files.write(folder.resolve("digits.zip"), zip);
        PretrainedModel found = PretrainedLocator.resolve(archive.toUri().toString());
        assertArrayEquals(zip, Files.readAllBytes(Path.of(found.foundAt())));

        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader classpath =
                new URLClassLoader(new URL[] {folder.toUri().toURL()}, before)) {
            thread.setContextClassLoader(classpath);
            PretrainedModel resource = PretrainedLocator.resolve("jar:///digits.zip");
            assertArrayEquals(zip, Files.readAllBytes(Path.of(resource.foundAt())));
            assertContains(refusal("jar:///nowhere.zip"), "There is no resource nowhere.zip on the classpath");

            System.setProperty(Settings.DOWNLOAD_LIMIT.property(), "1k");
            String tooLarge = "is " + ByteSize.text(zip.length) + ", more than the 1 KiB";
            assertContains(refusal(archive.toUri().toString()), "digits.zip " + tooLarge);
            assertContains(refusal("jar:///digits.zip"), "digits.zip " + tooLarge);
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
