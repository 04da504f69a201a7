package ai.lepton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.fuzz.MemoryUse;
import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.artifact.ArtifactWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Map;

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
        byte[] crowded = CraftedZips.rewrite(unsigned, entries -> {
            for (int i = 0; i < 60; i++) {
                entries.put("extra/" + i + ".json", new byte[] {'{', '}'});
            }
            return entries;
        });
        String message = refuse(crowded, null).message();
        int entries = CraftedZips.entries(unsigned).size() + 60;
        assertTrue(message.contains("holds " + entries + " entries, more than the 64 an artifact may hold"), message);
    }

    @Test
    void entriesDeclaringMoreThanTheTotalTogetherAreRefusedNamingTheLimit() {
        System.setProperty("lepton.maxWeights", "1m");
        byte[] crowded = CraftedZips.rewrite(unsigned, entries -> {
            for (int i = 0; i < 20; i++) {
                entries.put("extra/" + i + ".json", new byte[] {'{', '}'});
            }
            return entries;
        });
        for (int i = 0; i < 20; i++) {
            crowded = CraftedZips.declaringSize(crowded, "extra/" + i + ".json", 15 << 20);
        }
        String message = refuse(crowded, null).message();
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
}
