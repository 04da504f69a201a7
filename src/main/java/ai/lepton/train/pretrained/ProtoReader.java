package ai.lepton.train.pretrained;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Protocol Buffers' wire format, read field by field: enough to walk an ONNX model without its generated classes.
 * Each {@link #next()} positions on a field; read its value with one of the readers, or {@link #skip()} it. The bytes
 * are untrusted: every varint is at most 10 bytes, every length is checked against the bytes left, every value against
 * its field's wire type, and messages nest at most {@link #MAX_DEPTH} deep; a defect is a {@link PretrainedException}
 * that names the file and the byte.
 */
final class ProtoReader {

    /** The deepest sub-message read: ONNX's graphs nest a few levels, never dozens. */
    static final int MAX_DEPTH = 32;

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final ByteBuffer buffer;
    private final String source;
    private final long start;
    private final int depth;
    private int field;
    private int wireType;

    /** Reads the message {@code bytes} of the file {@code source} (named in errors). */
    ProtoReader(ByteBuffer bytes, String source) {
        this(bytes, source, 0, 0);
    }

    private ProtoReader(ByteBuffer bytes, String source, long start, int depth) {
        this.buffer = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
        this.start = start;
        this.depth = depth;
    }

    /** Moves to the next field; false at the end of the message. */
    boolean next() {
        if (!buffer.hasRemaining()) {
            return false;
        }
        long key = varint();
        if (key >>> 3 == 0 || key >>> 3 > Integer.MAX_VALUE) {
            throw damaged("a field number of " + Long.toUnsignedString(key >>> 3));
        }
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        return true;
    }

    int field() {
        return field;
    }

    /** Whether the current field holds a length-delimited value (a message, text, bytes or packed numbers). */
    boolean delimited() {
        return wireType == LENGTH_DELIMITED;
    }

    /** The current field's number (a varint). */
    long number() {
        expect(VARINT, "a number");
        return varint();
    }

    /** The current field's numbers, packed or one: a repeated field may come either way. */
    void numbers(LongConsumer into) {
        if (!delimited()) {
            into.accept(number());
            return;
        }
        ProtoReader packed = value();
        while (packed.buffer.hasRemaining()) {
            into.accept(packed.varint());
        }
    }

    /** The current length-delimited value, without copying. */
    ByteBuffer bytes() {
        return value().buffer;
    }

    /** The current field as a message of its own, one level deeper. */
    ProtoReader message() {
        if (depth >= MAX_DEPTH) {
            throw damaged("messages nested more than " + MAX_DEPTH + " deep");
        }
        return value();
    }

    /**
     * The current length-delimited value, read by a reader one level deeper whose positions count from the value's
     * first byte (after its length), so that its errors name the byte of the file they are at.
     */
    private ProtoReader value() {
        expect(LENGTH_DELIMITED, "bytes");
        int length = length();
        long at = position();
        ByteBuffer value = buffer.slice(buffer.position(), length);
        buffer.position(buffer.position() + length);
        return new ProtoReader(value, source, at, depth + 1);
    }

    String text() {
        ByteBuffer bytes = bytes();
        byte[] text = new byte[bytes.remaining()];
        bytes.get(text);
        return new String(text, StandardCharsets.UTF_8);
    }

    void skip() {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> advance(length());
            case FIXED32 -> advance(4);
            default -> throw damaged("a field of wire type " + wireType + ", which ONNX does not use");
        }
    }

    /** Where the reader is, counted from the start of the file. */
    private long position() {
        return start + buffer.position();
    }

    /** A defect at the current byte, as the error this reader raises. */
    PretrainedException damaged(String what) {
        return new PretrainedException(source + " is not an ONNX model Lepton can read: at byte " + position()
                + " it has " + what + ". The file is damaged or not ONNX; export it again.");
    }

    private long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) { // at most 10 bytes
            if (!buffer.hasRemaining()) {
                throw damaged("a number cut off by the end of its message");
            }
            int next = buffer.get() & 0xff;
            value |= (long) (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw damaged("a number longer than 10 bytes");
    }

    /** A length, checked against the bytes left (a varint beyond 2^63 reads as negative). */
    private int length() {
        long length = varint();
        if (length < 0 || length > buffer.remaining()) {
            throw damaged("a length of " + Long.toUnsignedString(length) + " bytes where " + buffer.remaining()
                    + " are left");
        }
        return (int) length;
    }

    private void advance(int bytes) {
        if (bytes > buffer.remaining()) {
            throw damaged("a value of " + bytes + " bytes where " + buffer.remaining() + " are left");
        }
        buffer.position(buffer.position() + bytes);
    }

    private void expect(int wire, String what) {
        if (wireType != wire) {
            throw damaged("field " + field + " of wire type " + wireType + " where " + what + " belongs");
        }
    }
}
