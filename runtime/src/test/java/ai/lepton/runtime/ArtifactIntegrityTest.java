package ai.lepton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.artifact.ArtifactWriter;
import ai.lepton.runtime.input.InputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every way an artifact can be damaged or forged is refused before anything in it is deserialized, naming the check and entry. */
class ArtifactIntegrityTest {

    private static byte[] artifact;
    private static KeyPair signer;
    private static KeyPair stranger;

    @BeforeAll
    static void build() throws Exception {
        signer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        artifact = TinyArtifact.bytes(signer.getPrivate());
    }

    private static String refusal(byte[] bytes) {
        return assertThrows(
                        ArtifactException.class,
                        () -> LeptonModel.load(bytes, "tampered.lepton", signer.getPublic())
                                .close())
                .getMessage();
    }

    @Test
    void anIntactSignedArtifactLoadsAndPredicts() {
        try (LeptonModel model = LeptonModel.load(artifact, "tiny.lepton", signer.getPublic())) {
            assertTrue(model.signatureVerified());
            Prediction prediction = model.predict(Map.of("x", 1.5, "y", 0.2, "color", "green"));
            assertTrue(model.schema().labels().contains(prediction.label()));
            assertEquals(
                    1.0,
                    prediction.probabilities().values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum(),
                    1e-6);
        }
    }

    @Test
    void aFlippedByteInAnyEntryIsRefusedNamingTheEntry() throws Exception {
        List<String> entriesToFlip = new ArrayList<>(ArtifactLayout.REQUIRED);
        entriesToFlip.add(ArtifactLayout.PARAMETERS);
        for (String entry : entriesToFlip) {
            byte[] tampered = CraftedZips.rewrite(artifact, entries -> {
                byte[] content = entries.get(entry).clone();
                content[content.length / 2] ^= 0x01;
                entries.put(entry, content);
                return entries;
            });
            String message = refusal(tampered);
            assertTrue(
                    message.contains("Checksum check failed") && message.contains("entry " + entry + " has SHA-256"),
                    message);
        }
    }

    @Test
    void aFlippedByteInAnEntrysCompressedBytesIsRefused() {
        int data = CraftedZips.dataOffset(artifact, ArtifactLayout.PARAMETERS);
        byte[] tampered = artifact.clone();
        tampered[data + 40] ^= 0x40;
        String message = refusal(tampered);
        assertTrue(message.contains("check failed") && message.contains(ArtifactLayout.PARAMETERS), message);
    }

    @Test
    void addedMissingAndEscapingEntriesAreRefused() throws Exception {
        String extra = refusal(CraftedZips.rewrite(
                artifact, entries -> with(entries, "model/extra.bin", new byte[] {1, 2, 3})));
        assertTrue(extra.contains("entry model/extra.bin is not listed in CHECKSUMS.sha256"), extra);
        String missing = refusal(CraftedZips.rewrite(artifact, entries -> without(entries, ArtifactLayout.SCHEMA)));
        assertTrue(missing.contains("entry schema.json is listed in CHECKSUMS.sha256 but missing"), missing);
        String slip = refusal(
                CraftedZips.rewrite(artifact, entries -> with(entries, "../../etc/cron.d/evil", new byte[] {1})));
        assertTrue(slip.contains("Entry-name check failed") && slip.contains("'../../etc/cron.d/evil'"), slip);
        String absolute = refusal(CraftedZips.rewrite(artifact, entries -> with(entries, "/tmp/evil", new byte[] {1})));
        assertTrue(absolute.contains("'/tmp/evil' is an absolute"), absolute);
        String noList = refusal(CraftedZips.rewrite(artifact, entries -> without(entries, ArtifactLayout.CHECKSUMS)));
        assertTrue(noList.contains("it has no CHECKSUMS.sha256"), noList);
    }

    @Test
    void aTruncatedFileIsRefused() {
        for (int keep : new int[] {artifact.length - 1, artifact.length / 2, 10}) {
            String message = refusal(Arrays.copyOf(artifact, keep));
            assertTrue(message.contains("Zip check failed") && message.contains("truncated"), message);
        }
    }

    @Test
    void aReplacedEntryWithAMatchingChecksumListFailsTheSignature() throws Exception {
        Map<String, byte[]> forged = TinyArtifact.entries("2.7.1");
        forged.put(ArtifactLayout.MODEL_CARD, TinyArtifact.utf8("# a different model\n"));
        byte[] resigned = ArtifactWriter.write(forged, stranger.getPrivate()); // consistent checksums, wrong signer
        String message = refusal(resigned);
        assertTrue(message.contains("Signature check failed") && message.contains("SIGNATURE.ed25519"), message);
        String unsigned = refusal(ArtifactWriter.write(forged, null));
        assertTrue(unsigned.contains("is not signed"), unsigned);
        try (LeptonModel model = LeptonModel.load(ArtifactWriter.write(forged, null), "unsigned.lepton", null)) {
            assertTrue(
                    !model.signatureVerified(), "without a configured key an unsigned artifact loads on its checksums");
        }
    }

    @Test
    void anArtifactFromAnotherEngineVersionIsRefused() throws Exception {
        String message = refusal(ArtifactWriter.write(TinyArtifact.entries("1.13.1"), signer.getPrivate()));
        assertTrue(
                message.contains("Engine check failed")
                        && message.contains("PyTorch 1.13.1")
                        && message.contains("this runtime has PyTorch 2.7"),
                message);
    }

    @Test
    void rowsAreValidatedAgainstTheSchema() {
        try (LeptonModel model = LeptonModel.load(artifact, "tiny.lepton", signer.getPublic())) {
            Map<String, Object> row = new HashMap<>(Map.of("x", 1.0, "y", 0.5, "color", "blue"));
            row.put("y", null);
            assertTrue(assertThrows(InputException.class, () -> model.predict(row))
                    .getMessage()
                    .contains("field 'y' has no value (null), and this model's preparation dropped rows without one"));
            row.put("y", Double.NaN);
            assertTrue(assertThrows(InputException.class, () -> model.predict(row))
                    .getMessage()
                    .contains("has no value (NaN)"));
            row.put("y", 0.5);
            row.put("color", "purple");
            assertTrue(assertThrows(InputException.class, () -> model.predict(row))
                    .getMessage()
                    .contains("field 'color' is 'purple', a category the model never saw. Known: red, green, blue."));
            row.put("color", null); // filled with the training split's most frequent category
            assertEquals(model.predict(Map.of("x", 1.0, "y", 0.5, "color", "red")), model.predict(row));
            row.put("x", null); // filled with 0.5
            assertEquals(model.predict(Map.of("x", 0.5, "y", 0.5, "color", "red")), model.predict(row));
        }
    }

    private static Map<String, byte[]> with(Map<String, byte[]> entries, String name, byte[] content) {
        entries.put(name, content);
        return entries;
    }

    private static Map<String, byte[]> without(Map<String, byte[]> entries, String name) {
        entries.remove(name);
        return entries;
    }
}
