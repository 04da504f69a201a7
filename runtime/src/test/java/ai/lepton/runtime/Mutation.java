package ai.lepton.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Seeded damage to a valid file, as a broken copy or an attacker makes it: flipped bits, a truncation, inserted bytes,
 * or a length field overwritten with a huge or negative value. The description says which, for a failure message.
 *
 * @param description what was done, where
 * @param bytes       the damaged file
 */
public record Mutation(String description, byte[] bytes) {

    /** Values a length, count or offset field should never hold, and a few it might. */
    private static final List<Long> EXTREMES =
            List.of(0xFFFF_FFFFL, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFFL, 0x7FFFL, 0L, 1L, 0xFFFF_FFFEL);

    /**
     * One mutation of {@code valid}, chosen by {@code random}. Length fields are {@code fields} (offsets of 2- or 4-byte
     * fields in {@code order}); where none are given, any offset may be one.
     */
    public static Mutation of(byte[] valid, int[] fields, ByteOrder order, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> flipped(valid, random);
            case 1 -> {
                int keep = random.nextInt(valid.length);
                yield new Mutation("truncated to " + keep + " bytes", Arrays.copyOf(valid, keep));
            }
            case 2 -> inserted(valid, random);
            default -> overwritten(valid, fields, order, random);
        };
    }

    private static Mutation flipped(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        StringBuilder where = new StringBuilder("bits flipped at");
        for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
            int at = random.nextInt(bytes.length);
            int bit = random.nextInt(8);
            bytes[at] ^= (byte) (1 << bit);
            where.append(' ').append(at).append('.').append(bit);
        }
        return new Mutation(where.toString(), bytes);
    }

    private static Mutation inserted(byte[] valid, Random random) {
        byte[] extra = new byte[1 + random.nextInt(16)];
        random.nextBytes(extra);
        int at = random.nextInt(valid.length + 1);
        byte[] bytes = new byte[valid.length + extra.length];
        System.arraycopy(valid, 0, bytes, 0, at);
        System.arraycopy(extra, 0, bytes, at, extra.length);
        System.arraycopy(valid, at, bytes, at + extra.length, valid.length - at);
        return new Mutation("bytes " + HexFormat.of().formatHex(extra) + " inserted at " + at, bytes);
    }

    private static Mutation overwritten(byte[] valid, int[] fields, ByteOrder order, Random random) {
        int width = random.nextBoolean() ? 4 : 2;
        int at = fields.length > 0 ? fields[random.nextInt(fields.length)] : random.nextInt(valid.length);
        at = Math.min(at, valid.length - width);
        long value = random.nextInt(4) == 0 ? random.nextLong() : EXTREMES.get(random.nextInt(EXTREMES.size()));
        byte[] bytes = valid.clone();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(order);
        if (width == 4) {
            buffer.putInt(at, (int) value);
        } else {
            buffer.putShort(at, (short) value);
        }
        return new Mutation(width + "-byte field at " + at + " set to " + Long.toHexString(value), bytes);
    }
}
