package ai.lepton.runtime;

import ai.lepton.fuzz.ByteMutations;
import ai.lepton.fuzz.MutationFuzzer;
import ai.lepton.fuzz.MutationFuzzer.Mutation;
import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.artifact.ArtifactLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Seeded mutations of a valid signed artifact, of ones holding an entry twice and of one with a lying bomb, each end
 * in the reader's {@link ArtifactException} or a loaded model, with and without a verifying key, within a memory bound
 * (heap and direct buffers, where DJL reads arrays) and in time.
 */
class ArtifactFuzzTest {

    /** Cases with a verifying key and as many without. */
    private static final int CASES = 1000;

    /** Every zip record's length, size, count and offset fields: (signature, offsets of its fields from it). */
    private static final int[][] RECORDS = {
        {0x04034b50, 18, 22, 26, 28}, // local header: compressed and full size, name and extra length
        {0x08074b50, 8, 12}, // data descriptor: compressed and full size
        {0x02014b50, 20, 24, 28, 30, 32, 34, 42}, // central header: sizes, lengths, disk, local header's offset
        {0x06054b50, 8, 10, 12, 16, 20} // end record: entry counts, directory size and offset, comment length
    };

    /** The files mutated, by name: a valid one and crafted ones near the edges. */
    private static final Map<String, byte[]> INPUTS = new LinkedHashMap<>();

    private static KeyPair signer;

    @BeforeAll
    static void craft() throws Exception {
        signer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] artifact = TinyArtifact.bytes(signer.getPrivate());
        INPUTS.put("a signed artifact", artifact);
        INPUTS.put("its schema twice", twice(artifact, ArtifactLayout.SCHEMA));
        INPUTS.put("its checksums twice", twice(artifact, ArtifactLayout.CHECKSUMS));
        INPUTS.put("its parameters twice", twice(artifact, ArtifactLayout.PARAMETERS));
        // a card of 96 MiB of zeros whose directory record says 13 bytes: inflating it whole breaks the bound
        INPUTS.put(
                "a lying bomb",
                CraftedZips.declaringSize(
                        CraftedZips.withZeros(artifact, ArtifactLayout.MODEL_CARD, 96L << 20),
                        ArtifactLayout.MODEL_CARD,
                        13));
    }

    @Test
    void everyMutationOfAnArtifactEndsInARefusalOrALoadedModel() {
        fuzzer(29).run(bytes -> LeptonModel.load(bytes, "fuzz.lepton", null).close());
    }

    @Test
    void everyMutationOfAnArtifactEndsInARefusalOrALoadedModelUnderAVerifyingKey() {
        PublicKey key = signer.getPublic();
        fuzzer(30).run(bytes -> LeptonModel.load(bytes, "fuzz.lepton", key).close());
    }

    private static MutationFuzzer fuzzer(long seed) {
        MutationFuzzer fuzzer = MutationFuzzer.of(seed, CASES);
        INPUTS.forEach(fuzzer::addInput);
        Mutation zipFields = ByteMutations.overwritten(ByteOrder.LITTLE_ENDIAN, ArtifactFuzzTest::fields);
        return fuzzer.addMutations(List.of(zipFields, zipFields)) // a length field in a quarter of the cases
                .setExpected(ArtifactException.class)
                .optAllocationLimit(64L << 20, 0)
                .optTimeout(Duration.ofMinutes(5)); // a whole-run guard for a busy machine: each case has its own
    }

    /** {@code zip} holding {@code entry} twice: a copy under a name of the same length is renamed to it, in place. */
    private static byte[] twice(byte[] zip, String entry) {
        String other = entry.substring(0, entry.length() - 1) + "~";
        byte[] bytes = CraftedZips.rewrite(zip, entries -> {
            entries.put(other, entries.get(entry));
            return entries;
        });
        byte[] from = other.getBytes(StandardCharsets.UTF_8);
        byte[] to = entry.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + from.length <= bytes.length; at++) {
            if (ByteBuffer.wrap(bytes, at, from.length).equals(ByteBuffer.wrap(from))) {
                System.arraycopy(to, 0, bytes, at, to.length);
            }
        }
        return bytes;
    }

    /** The offsets of every length, size, count and offset field of {@code zip}'s records. */
    private static int[] fields(byte[] zip) {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> offsets = new ArrayList<>();
        for (int at = 0; at + 4 <= zip.length; at++) {
            for (int[] record : RECORDS) {
                if (buffer.getInt(at) == record[0]) {
                    int start = at;
                    IntStream.of(record).skip(1).forEach(field -> offsets.add(start + field));
                }
            }
        }
        return offsets.stream().mapToInt(Integer::intValue).toArray();
    }
}
