package ai.lepton.runtime;

import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.artifact.ArtifactLayout;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Seeded mutations of a valid signed artifact, of ones holding an entry twice and of one with a lying bomb, each end in
 * the reader's {@link ArtifactException} or a loaded model, with and without a verifying key, within a memory bound and
 * in time.
 */
class ArtifactFuzzTest {

    private static final int CASES = 2000;

    /** Every zip record's length, size, count and offset fields: (signature, offsets of its fields from it). */
    private static final int[][] RECORDS = {
        {0x04034b50, 18, 22, 26, 28}, // local header: compressed and full size, name and extra length
        {0x08074b50, 8, 12}, // data descriptor: compressed and full size
        {0x02014b50, 20, 24, 28, 30, 32, 34, 42}, // central header: sizes, lengths, disk, local header's offset
        {0x06054b50, 8, 10, 12, 16, 20} // end record: entry counts, directory size and offset, comment length
    };

    @Test
    void everyMutationOfAnArtifactEndsInARefusalOrALoadedModel() throws Exception {
        KeyPair signer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] artifact = TinyArtifact.bytes(signer.getPrivate());
        List<byte[]> valid = List.of(
                artifact,
                twice(artifact, ArtifactLayout.SCHEMA),
                twice(artifact, ArtifactLayout.CHECKSUMS),
                twice(artifact, ArtifactLayout.PARAMETERS),
                // a card of 96 MiB of zeros whose directory record says 13 bytes: inflating it whole breaks the bound
                CraftedZips.declaringSize(
                        CraftedZips.withZeros(artifact, ArtifactLayout.MODEL_CARD, 96L << 20),
                        ArtifactLayout.MODEL_CARD,
                        13));
        List<int[]> fields = valid.stream().map(ArtifactFuzzTest::fields).toList();
        Fuzzing.run(
                CASES,
                random -> {
                    int base = random.nextInt(valid.size());
                    Mutation mutation = Mutation.of(valid.get(base), fields.get(base), ByteOrder.LITTLE_ENDIAN, random);
                    boolean verify = random.nextBoolean();
                    return new Mutation(
                            (verify ? "verified, " : "") + "base " + base + ", " + mutation.description(),
                            mutation.bytes());
                },
                ArtifactException.class,
                mutation -> LeptonModel.load(
                                mutation.bytes(),
                                "fuzz.lepton",
                                mutation.description().startsWith("verified") ? signer.getPublic() : null)
                        .close(),
                Duration.ofSeconds(120));
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
