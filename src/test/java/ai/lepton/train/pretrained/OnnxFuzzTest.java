package ai.lepton.train.pretrained;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.fuzz.MutationFuzzer;
import ai.lepton.fuzz.MutationFuzzer.Mutant;
import ai.lepton.fuzz.MutationFuzzer.Mutation;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Thousands of damaged ONNX files, made from a tiny valid export: each imports, or is refused as a
 * {@link PretrainedException} naming the file, in bounded time and memory. Its failures print the seed and the mutation.
 */
class OnnxFuzzTest {

    private static final long SEED = 20_240_601;

    /** Damage to Protocol Buffers' own fields: a varint (a key or a length) overwritten, a field inserted. */
    private static final List<Mutation> PROTO = List.of(
            (valid, random) -> {
                int at = random.nextInt(valid.length);
                int old = varintLength(valid, at);
                long value =
                        MutationFuzzer.EXTREMES[random.nextInt(MutationFuzzer.EXTREMES.length)] + random.nextInt(3) - 1;
                return new Mutant(
                        MutationFuzzer.splice(valid, at, old, TinyOnnx.varintBytes(value)),
                        "the varint at " + at + " (" + old + " bytes) replaced by " + value);
            },
            (valid, random) -> {
                int field = random.nextInt(16);
                int wireType = random.nextInt(8);
                byte[] inserted = TinyOnnx.varintBytes((long) field << 3 | wireType);
                if (random.nextBoolean()) {
                    byte[] length = TinyOnnx.varintBytes(
                            MutationFuzzer.EXTREMES[random.nextInt(MutationFuzzer.EXTREMES.length)]);
                    inserted = MutationFuzzer.splice(inserted, inserted.length, 0, length);
                }
                int at = random.nextInt(valid.length + 1);
                return new Mutant(
                        MutationFuzzer.splice(valid, at, 0, inserted),
                        HexFormat.of().formatHex(inserted) + " (a field " + field + " of wire type " + wireType
                                + ") inserted at " + at);
            });

    /** How many bytes the varint at {@code at} takes (up to the end of the file). */
    private static int varintLength(byte[] bytes, int at) {
        int end = at;
        while (end < bytes.length && (bytes[end] & 0x80) != 0) {
            end++;
        }
        return Math.min(end + 1, bytes.length) - at;
    }

    @Test
    void damagedExportsImportOrAreRefusedNamingTheFileInBoundedTimeAndMemory() {
        List<Mutation> mutations = new ArrayList<>(MutationFuzzer.BYTES);
        mutations.addAll(PROTO);
        mutations.addAll(PROTO); // lengths and keys decide every step: damage them as often as the bytes
        int imported = MutationFuzzer.of(SEED, 4000)
                .setMutations(mutations)
                .setExpected(PretrainedException.class)
                .run(TinyOnnx.model(), bytes -> {
                    try {
                        OnnxBertImport.tensors(OnnxModel.read(ByteBuffer.wrap(bytes), "fuzz.onnx"), "fuzz.onnx");
                    } catch (PretrainedException e) {
                        assertTrue(e.getMessage().startsWith("fuzz.onnx"), e.getMessage());
                        throw e;
                    }
                });
        assertTrue(
                imported > 0 && imported < 4000, imported + " of 4000 imported: mutations must damage some, not all");
    }
}
