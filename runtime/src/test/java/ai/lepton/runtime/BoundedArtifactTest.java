package ai.lepton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.base.LeftFiles;
import ai.lepton.fuzz.MemoryUse;
import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.artifact.ArtifactWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An artifact costs what a real one of its size would: entries that claim too much are refused from the zip's
 * directory before they are inflated, an entry that inflates past what it claims is stopped there, and under a
 * verifying key an unsigned file is refused before any entry is read. Memory is measured, not time.
 */
class BoundedArtifactTest {

    /** What each bomb inflates to; the old reader held it all in memory. */
    private static final long BOMB = 256L << 20;
    /** Far below every bomb, far above what reading a tiny artifact's small entries takes. */
    private static final long AFFORDABLE = 32L << 20;

    private static KeyPair signer;
    private static byte[] unsigned;

    @BeforeAll
    static void build() throws Exception {
        signer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        unsigned = TinyArtifact.bytes(null);
    }

    @AfterEach
    void forgetTheWeightsLimit() {
        System.clearProperty("lepton.maxWeights");
    }

    /** The refusal of {@code bytes}, with what reaching it allocated on the heap. */
    private record Refusal(String message, long allocated) {}

    private static Refusal refuse(byte[] bytes, PublicKey verifyKey) {
        long before = MemoryUse.allocatedByThisThread();
        String message = assertThrows(
                        ArtifactException.class,
                        () -> LeptonModel.load(bytes, "crafted.lepton", verifyKey)
                                .close())
                .getMessage();
        return new Refusal(message, MemoryUse.allocatedByThisThread() - before);
    }

    /** The tiny artifact with {@code count} entries more, {@code extra/NAME.json} each, holding {@code content}. */
    private static byte[] withExtras(int count, String name, byte[] content) {
        return CraftedZips.rewrite(unsigned, entries -> {
            for (int i = 0; i < count; i++) {
                entries.put("extra/" + name + i + ".json", content);
            }
            return entries;
        });
    }

    /** The tiny artifact with {@code count} entries more, each declaring {@code declared} bytes in the zip's directory. */
    private static byte[] withExtrasDeclaring(int count, int declared) {
        byte[] crowded = withExtras(count, "", new byte[] {'{', '}'});
        for (int i = 0; i < count; i++) {
            crowded = CraftedZips.declaringSize(crowded, "extra/" + i + ".json", declared);
        }
        return crowded;
    }

    @Test
    void anEntryDeclaringMoreThanItsKindMayHoldIsRefusedBeforeItIsInflated() {
        Refusal refusal = refuse(CraftedZips.withZeros(unsigned, ArtifactLayout.MANIFEST, BOMB), null);
        assertTrue(
                refusal.message()
                        .startsWith("Size check failed for crafted.lepton: entry manifest.json declares 256 MiB, over"
                                + " the 16 MiB such an entry may take"),
                refusal.message());
        assertTrue(refusal.allocated() < AFFORDABLE, "reading the bomb allocated " + refusal.allocated() + " bytes");
    }

    @Test
    void anEntryInflatingPastItsDeclaredSizeIsStoppedThere() {
        byte[] liar = CraftedZips.declaringSize(
                CraftedZips.withZeros(unsigned, ArtifactLayout.MODEL_CARD, BOMB), ArtifactLayout.MODEL_CARD, 100);
        Refusal refusal = refuse(liar, null);
        assertTrue(
                refusal.message()
                        .contains("entry MODEL_CARD.md inflates past the 100 bytes its zip directory record declares"),
                refusal.message());
        assertTrue(refusal.allocated() < AFFORDABLE, "reading the liar allocated " + refusal.allocated() + " bytes");
    }

    @Test
    void anUnsignedBombIsRefusedUnderAVerifyingKeyBeforeAnyEntryIsRead() throws Exception {
        Refusal refusal = refuse(CraftedZips.withZeros(unsigned, ArtifactLayout.PARAMETERS, BOMB), signer.getPublic());
        assertTrue(refusal.message().contains("a verifying key is configured"), refusal.message());
        assertTrue(refusal.allocated() < AFFORDABLE, "refusing the bomb allocated " + refusal.allocated() + " bytes");
        // entries whose compressed bytes are garbage: read before the signature, they would be refused as damaged
        byte[] garbled = unsigned.clone();
        int data = CraftedZips.dataOffset(garbled, ArtifactLayout.PARAMETERS);
        for (int i = data; i < data + 64; i++) {
            garbled[i] = (byte) 0xff;
        }
        String message = refuse(garbled, signer.getPublic()).message();
        assertTrue(message.startsWith("Signature check failed for crafted.lepton"), message);
    }

    @Test
    void moreEntriesThanAnArtifactMayHoldAreRefused() {
        String message = refuse(withExtras(60, "", new byte[] {'{', '}'}), null).message();
        int entries = CraftedZips.entries(unsigned).size() + 60;
        assertTrue(message.contains("holds " + entries + " entries, more than the 64 an artifact may hold"), message);
    }

    @Test
    void entriesDeclaringMoreThanTheTotalTogetherAreRefusedNamingTheLimit() {
        System.setProperty("lepton.maxWeights", "1m");
        String message = refuse(withExtrasDeclaring(20, 15 << 20), null).message();
        assertTrue(
                message.contains("its entries declare more than the 257 MiB an artifact may take in all (1 MiB of"
                        + " weights, LEPTON_MAX_WEIGHTS, and 256 MiB for the rest)"),
                message);
    }

    @Test
    void weightsOverTheConfiguredLimitAreRefusedSayingHowToRaiseIt() {
        System.setProperty("lepton.maxWeights", "1m");
        byte[] heavy = CraftedZips.declaringSize(unsigned, ArtifactLayout.PARAMETERS, 2 << 20);
        String message = refuse(heavy, null).message();
        assertEquals(
                "Size check failed for crafted.lepton: entry model/model-0000.params declares 2 MiB, over the 1 MiB"
                        + " an artifact's weights may take (LEPTON_MAX_WEIGHTS; raise it if you trust this artifact"
                        + " and its model is that large).",
                message);
    }

    @Test
    void aParameterArrayClaimingTwoGibibytesIsRefusedBeforeItIsReserved() throws Exception {
        Map<String, byte[]> entries = TinyArtifact.entries("2.7.1");
        byte[] parameters = entries.get(ArtifactLayout.PARAMETERS).clone();
        int length = SavedNetwork.firstArrayLength(parameters, 4 * 5 * Float.BYTES); // the first layer: 4 × 5 floats
        ByteBuffer.wrap(parameters).putInt(length, Integer.MAX_VALUE);
        entries.put(ArtifactLayout.PARAMETERS, parameters);
        byte[] consistent = ArtifactWriter.write(entries, null); // the checksums match: only the content lies
        long reserved = MemoryUse.directBuffers();
        String message = refuse(consistent, null).message();
        reserved = MemoryUse.directBuffers() - reserved;
        assertTrue(
                message.startsWith("Parameter check failed for crafted.lepton: entry model/model-0000.params,"
                        + " parameter 01SequentialBlock_02SequentialBlock_01Linear_weight"),
                message);
        assertTrue(
                message.endsWith("its array says 2147483647 bytes of values, and its shape (4, 5) of float32 takes 80."
                        + " Use the registry's copy, or promote the run again."),
                message);
        assertTrue(reserved < AFFORDABLE, "refusing it left " + reserved + " bytes of direct buffers reserved");
    }

    @Test
    void anArtifactFileIsReadInPlaceAndLoads(@TempDir Path folder) throws Exception {
        Path file = Files.write(folder.resolve("tiny-1.0.0.lepton"), unsigned);
        try (LeptonModel model = LeptonModel.load(file)) {
            assertEquals("tiny", model.name());
            assertEquals("# tiny 1.0.0\n", model.modelCard()); // read while loading: the unpacked entries are gone
        }
    }

    @Test
    void anEntryThatIsAlsoAnotherEntrysFolderOrTooLongANameIsRefused() {
        String folder = refuse(ArtifactWriter.write(Map.of("model", new byte[1], "model/x", new byte[1]), null), null)
                .message();
        assertTrue(folder.contains("entry model is also the folder of entry model/x"), folder);
        String longName = refuse(CraftedZips.zip(Map.of("docs/" + "n".repeat(300) + ".md", new byte[1])), null)
                .message();
        assertTrue(longName.contains("a path with a name longer than file systems allow (255 bytes)"), longName);
    }

    @Test
    void entriesDifferingOnlyInCaseAreRefused() {
        byte[] cased = ArtifactWriter.write(
                Map.of(
                        "MODEL_CARD.md", "# a".getBytes(),
                        "model_card.md", "# b".getBytes()),
                null);
        String message = refuse(cased, null).message();
        assertTrue(message.contains("entries MODEL_CARD.md and model_card.md differ only in case"), message);
    }

    @Test
    void anEndRecordDeclaringMoreEntriesThanAnArtifactMayHoldIsRefusedBeforeTheDirectoryIsRead() {
        int entries = CraftedZips.entries(unsigned).size() + 1000;
        String message =
                refuse(withExtras(1000, "", new byte[] {'{', '}'}), null).message();
        assertEquals(
                "Size check failed for crafted.lepton: its zip end record says it holds " + entries + " entries, more"
                        + " than the 64 an artifact may hold (promotion writes about 10). The file was crafted or"
                        + " damaged; use the registry's copy.",
                message);
    }

    @Test
    void aDirectoryLargerThanAnArtifactsIsRefusedFromTheEndRecordWhateverCountItSays() {
        byte[] crowded = withExtras(20_000, "e".repeat(40), new byte[0]);
        String message = refuse(CraftedZips.declaringEntries(crowded, 7), null).message();
        assertTrue(
                message.matches("Size check failed for crafted\\.lepton: its zip end record says its directory takes"
                        + " 1\\.\\d MiB, more than the 1 MiB the directory of 64 entries may take\\. .*"),
                message);
    }

    @Test
    void entriesBesidesTheWeightsDeclaringMoreThanTheirShareAreRefusedThoughTheTotalIsWithinItsLimit() {
        // 300 MiB beside the weights, of the 4.25 GiB an artifact may take in all
        String message = refuse(withExtrasDeclaring(20, 15 << 20), null).message();
        assertTrue(
                message.startsWith("Size check failed for crafted.lepton: its entries besides the weights declare"
                        + " 300.0 MiB, more than the 256 MiB the entries besides the weights may take together"),
                message);
    }

    @Test
    void anUnsignedEntryDeflatedFarBeyondWhatRealArtifactsReachIsRefusedBeforeItIsInflated() {
        Refusal refusal = refuse(CraftedZips.withZeros(unsigned, ArtifactLayout.PARAMETERS, BOMB), null);
        assertTrue(
                refusal.message()
                        .matches("Size check failed for crafted\\.lepton: entry model/model-0000\\.params"
                                + " declares 256 MiB inflated from .*, \\d+ times its compressed size; real artifacts' entries"
                                + " inflate at most about 7 times, and this runtime inflates an entry at most 100 times unless"
                                + " the artifact's signature is verified \\(LEPTON_VERIFY_KEY\\)\\. .*"),
                refusal.message());
        assertTrue(refusal.allocated() < AFFORDABLE, "refusing it allocated " + refusal.allocated() + " bytes");
    }

    @Test
    void entriesDeclaringMoreThanTheTemporaryFolderHoldsAreRefusedBeforeAnyIsUnpacked() throws Exception {
        System.setProperty("lepton.maxWeights", "1000000g"); // a limit the disk cannot hold, to reach the disk's
        byte[] signed = TinyArtifact.bytes(signer.getPrivate());
        byte[] huge = CraftedZips.declaringLargeSize(signed, ArtifactLayout.PARAMETERS, 1L << 49);
        String message = refuse(huge, signer.getPublic()).message(); // signed: no inflation limit applies
        assertTrue(
                message.matches("Cannot unpack crafted\\.lepton: its entries declare 512\\.0 TiB, and the temporary"
                        + " folder .* \\(java\\.io\\.tmpdir\\) has .* free\\. Free some space there, or start the JVM"
                        + " with -Djava\\.io\\.tmpdir=FOLDER on a disk with room\\."),
                message);
    }

    static Stream<Arguments> namesWithControlCharacters() {
        return Stream.of(
                Arguments.of("notes/a\u0000b.md", "notes/a\\u0000b.md", 7), // NUL: no path takes it
                Arguments.of("notes/a\nb.md", "notes/a\\u000Ab.md", 7), // a line break in every listing
                Arguments.of("notes/\u001b[31mred.md", "notes/\\u001B[31mred.md", 6)); // a terminal's escape
    }

    @ParameterizedTest
    @MethodSource("namesWithControlCharacters")
    void anEntryNamedWithAControlCharacterIsRefusedNamingItEscaped(String name, String shown, int at) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>(TinyArtifact.entries("2.7.1"));
        entries.put("notes/placeholder.md", new byte[] {'#'});
        byte[] crafted = CraftedZips.renamed(ArtifactWriter.write(entries, null), "notes/placeholder.md", name);
        assertEquals(
                ("Entry-name check failed for crafted.lepton: entry '%s' is a name with a control character (U+%04X at"
                                + " character %d). Artifacts never hold such entries; this file was crafted or damaged.")
                        .formatted(shown, (int) name.charAt(at), at),
                refuse(crafted, null).message());
    }

    @Test
    void anEntryNameLongerThanAnArtifactsIsRefused() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>(TinyArtifact.entries("2.7.1"));
        entries.put("docs/placeholder.md", new byte[] {'#'});
        String name = "docs/" + ("d".repeat(200) + "/").repeat(6) + "x.md";
        byte[] crafted = CraftedZips.renamed(ArtifactWriter.write(entries, null), "docs/placeholder.md", name);
        String message = refuse(crafted, null).message();
        assertTrue(message.contains("is a path longer than the 1024 bytes an entry's name may take"), message);
    }

    @Test
    void anUnpackFolderAKilledJvmLeftIsSweptByTheNextLoadAndOnlyOurOldOnes() throws Exception {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        String tag = Long.toHexString(System.nanoTime());
        Path left = Files.createDirectories(temporary.resolve("lepton-artifact-left-" + tag + "/model"));
        Files.write(left.resolve("model-0000.params"), new byte[1024]);
        Path fresh = Files.createDirectory(temporary.resolve("lepton-artifact-fresh-" + tag));
        Path other = Files.createDirectory(temporary.resolve("another-tool-" + tag));
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        for (Path old : List.of(left.resolve("model-0000.params"), left, left.getParent(), other)) {
            Files.setLastModifiedTime(old, twoDaysAgo);
        }
        try {
            LeptonModel.load(unsigned, "tiny.lepton", null).close();
            assertFalse(Files.exists(left.getParent()), "the folder a killed load left stays");
            assertTrue(Files.exists(fresh), "a folder a load may be using now was swept");
            assertTrue(Files.exists(other), "another tool's folder was swept");
        } finally {
            LeftFiles.delete(left.getParent());
            LeftFiles.delete(fresh);
            LeftFiles.delete(other);
        }
    }
}
