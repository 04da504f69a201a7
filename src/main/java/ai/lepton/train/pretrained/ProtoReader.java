package ai.lepton.train.pretrained;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Protocol Buffers' wire format, read field by field: enough to walk an ONNX model without its generated classes.
 * Each {@link #next()} positions on a field; read its value with one of the readers, or {@link #skip()} it.
 */
final class ProtoReader {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final ByteBuffer buffer;
    private int field;
    private int wireType;

    ProtoReader(ByteBuffer buffer) {
        this.buffer = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Moves to the next field; false at the end of the message. */
    boolean next() {
        if (!buffer.hasRemaining()) {
            return false;
        }
        long key = varint();
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        return true;
    }

    /** Whether anything is left to read (within a packed field: another value). */
    boolean hasMore() {
        return buffer.hasRemaining();
    }

    int field() {
        return field;
    }

    /** Whether the current field holds a length-delimited value (a message, text, bytes or packed numbers). */
    boolean delimited() {
        return wireType == LENGTH_DELIMITED;
    }

    long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int next = buffer.get() & 0xff;
            value |= (long) (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalStateException("a varint longer than 10 bytes: the file is not Protocol Buffers");
    }

    /** The current length-delimited value, without copying. */
    ByteBuffer bytes() {
        int length = Math.toIntExact(varint());
        ByteBuffer value = buffer.slice(buffer.position(), length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(buffer.position() + length);
        return value;
    }

    ProtoReader message() {
        return new ProtoReader(bytes());
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
            case FIXED64 -> buffer.position(buffer.position() + 8);
            case LENGTH_DELIMITED -> {
                int length =
                        Math.toIntExact(varint()); // read before the position is: the length's own bytes come first
                buffer.position(buffer.position() + length);
            }
            case FIXED32 -> buffer.position(buffer.position() + 4);
            default -> throw new IllegalStateException("wire type " + wireType + ": the file is not Protocol Buffers");
        }
    }
}
