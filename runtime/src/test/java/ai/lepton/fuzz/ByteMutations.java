package ai.lepton.fuzz;

import ai.lepton.fuzz.MutationFuzzer.Mutant;
import ai.lepton.fuzz.MutationFuzzer.Mutation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Damage any format survives or refuses, as a broken copy or an attacker makes it: flipped bits, a cut end, a
 * removed range, inserted random bytes, a repeated range, and a length, count or offset field overwritten with an
 * extreme value. Each takes a file of at least one byte; a format's own damage (a JSON header edited, a varint
 * replaced) is made by its test from the same pieces.
 */
public final class ByteMutations {

    /** Offsets of no particular fields: an overwrite may then land anywhere. */
    private static final Function<byte[], int[]> ANYWHERE = bytes -> new int[0];

    /** Values a length, count or offset field is overwritten with: the edges where arithmetic and allocation break. */
    private static final long[] EXTREMES = {
        -1,
        -8,
        0,
        1,
        0x7f,
        0xff,
        0x7fff,
        0x8000,
        0xffff,
        0x7fff_ffffL,
        0x8000_0000L,
        0xffff_fffeL,
        0xffff_ffffL,
        1L << 40,
        (1L << 62) + 1,
        Long.MAX_VALUE,
        Long.MIN_VALUE
    };

    private static final int[] WIDTHS = {2, 4, 8};

    private ByteMutations() {}

    /** Every kind of damage here; overwritten numbers are written in {@code order} at any offset. */
    static List<Mutation> all(ByteOrder order) {
        return List.of(
                ByteMutations::flipped,
                ByteMutations::truncated,
                ByteMutations::removed,
                ByteMutations::inserted,
                ByteMutations::repeated,
                overwritten(order, ANYWHERE));
    }

    /** One of the values where arithmetic and allocation break: -1, 0, 2^31, 2^32 - 1, 2^62 + 1 and their like. */
    public static long extreme(Random random) {
        return EXTREMES[random.nextInt(EXTREMES.length)];
    }

    /**
     * A 2-, 4- or 8-byte number written in {@code order} over one of the offsets {@code fields} finds in the file (or
     * anywhere, where it finds none): an extreme value three times in four, otherwise a random one.
     */
    public static Mutation overwritten(ByteOrder order, Function<byte[], int[]> fields) {
        return (valid, random) -> {
            int width = WIDTHS[random.nextInt(WIDTHS.length)];
            int[] offsets = fields.apply(valid);
            int at = offsets.length > 0 ? offsets[random.nextInt(offsets.length)] : random.nextInt(valid.length);
            at = Math.max(0, Math.min(at, valid.length - width));
            long value = random.nextInt(4) == 0 ? random.nextLong() : extreme(random);
            byte[] bytes = Arrays.copyOf(valid, Math.max(valid.length, width));
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(order);
            switch (width) {
                case 2 -> buffer.putShort(at, (short) value);
                case 4 -> buffer.putInt(at, (int) value);
                default -> buffer.putLong(at, value);
            }
            return new Mutant(
                    bytes,
                    HexFormat.of().formatHex(bytes, at, at + width) + " (" + width + " bytes, " + order
                            + ") written at " + at);
        };
    }

    /** {@code inserted} put at a random place of {@code valid}, described as {@code what}. */
    public static Mutant insertedAnywhere(byte[] valid, Random random, byte[] inserted, String what) {
        int at = random.nextInt(valid.length + 1);
        return new Mutant(splice(valid, at, 0, inserted), what + " inserted at " + at);
    }

    /** {@code bytes} with {@code removed} bytes at {@code at} replaced by {@code inserted}. */
    public static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        byte[] out = new byte[bytes.length - removed + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at + removed, out, at + inserted.length, bytes.length - at - removed);
        return out;
    }

    private static Mutant flipped(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        StringBuilder where = new StringBuilder("bits flipped at");
        for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
            int at = random.nextInt(bytes.length);
            int bit = random.nextInt(8);
            bytes[at] ^= (byte) (1 << bit);
            where.append(' ').append(at).append('.').append(bit);
        }
        return new Mutant(bytes, where.toString());
    }

    private static Mutant truncated(byte[] valid, Random random) {
        int length = random.nextInt(valid.length);
        return new Mutant(Arrays.copyOf(valid, length), "cut to " + length + " bytes");
    }

    private static Mutant removed(byte[] valid, Random random) {
        int from = random.nextInt(valid.length);
        int length = 1 + random.nextInt(Math.min(40, valid.length - from));
        return new Mutant(
                splice(valid, from, length, new byte[0]), "bytes " + from + " to " + (from + length) + " removed");
    }

    private static Mutant inserted(byte[] valid, Random random) {
        byte[] inserted = new byte[1 + random.nextInt(16)];
        random.nextBytes(inserted);
        return insertedAnywhere(valid, random, inserted, HexFormat.of().formatHex(inserted));
    }

    /** A range of up to 64 bytes repeated up to 20 times, right after itself (a list grown) or anywhere. */
    private static Mutant repeated(byte[] valid, Random random) {
        int from = random.nextInt(valid.length);
        int length = 1 + random.nextInt(Math.min(64, valid.length - from));
        int copies = 1 + random.nextInt(20);
        byte[] range = Arrays.copyOfRange(valid, from, from + length);
        byte[] repeats = new byte[length * copies];
        for (int copy = 0; copy < copies; copy++) {
            System.arraycopy(range, 0, repeats, copy * length, length);
        }
        int at = random.nextBoolean() ? from + length : random.nextInt(valid.length + 1);
        return new Mutant(
                splice(valid, at, 0, repeats),
                "bytes " + from + " to " + (from + length) + " repeated " + copies + " times at " + at);
    }
}
