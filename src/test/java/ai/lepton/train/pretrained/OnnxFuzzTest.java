package ai.lepton.train.pretrained;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.fuzz.ByteMutations;
import ai.lepton.fuzz.MutationFuzzer;
import ai.lepton.fuzz.MutationFuzzer.Mutant;
import ai.lepton.fuzz.MutationFuzzer.Mutation;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
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
                long value = ByteMutations.extreme(random) + random.nextInt(3) - 1;
                return new Mutant(
                        ByteMutations.splice(valid, at, old, TinyOnnx.varintBytes(value)),
                        "the varint at " + at + " (" + old + " bytes) replaced by " + value);
            },
            (valid, random) -> {
                int field = random.nextInt(16);
                int wireType = random.nextInt(8);
                byte[] inserted = TinyOnnx.varintBytes((long) field << 3 | wireType);
                if (random.nextBoolean()) {
                    byte[] length = TinyOnnx.varintBytes(ByteMutations.extreme(random));
                    inserted = ByteMutations.splice(inserted, inserted.length, 0, length);
                }
                return ByteMutations.insertedAnywhere(
                        valid,
                        random,
                        inserted,
                        HexFormat.of().formatHex(inserted) + " (a field " + field + " of wire type " + wireType + ")");
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
        MutationFuzzer.of(SEED, 4000)
                .addInput("a tiny BERT export", TinyOnnx.model())
                .addMutations(PROTO)
                .addMutations(PROTO) // lengths and keys decide every step: damage them as often as the bytes
                .setExpected(PretrainedException.class)
                .run(bytes -> {
                    try {
                        OnnxBertImport.tensors(OnnxModel.read(ByteBuffer.wrap(bytes), "fuzz.onnx"), "fuzz.onnx");
                    } catch (PretrainedException e) {
                        assertTrue(e.getMessage().startsWith("fuzz.onnx"), e.getMessage());
                        throw e;
                    }
                });
    }
}
