package ai.lepton.train.pretrained;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A tiny ONNX export of one BERT linear layer, written field by field as onnx.proto lays it out: a MatMul whose weight
 * is an unnamed initializer (raw data, dims one by one), the Add of its named bias (packed float_data, packed dims), and
 * an int64 initializer that the import leaves out. Small enough to damage thousands of ways in a second.
 */
final class TinyOnnx {

    static final String WEIGHT = "onnx::MatMul_7";
    static final String BIAS = "encoder.layer.0.attention.self.query.bias";
    static final float[] WEIGHT_VALUES = {1, 2, 3, 4, 5, 6}; // [in 2, out 3], as ONNX stores it
    static final float[] BIAS_VALUES = {0.5f, -1, 2};

    private TinyOnnx() {}

    static byte[] model() {
        Proto graph = new Proto()
                .message(
                        1,
                        new Proto()
                                .text(1, "x")
                                .text(1, WEIGHT)
                                .text(2, "/query/MatMul_output_0")
                                .text(3, "/query/MatMul")
                                .text(4, "MatMul"))
                .message(
                        1,
                        new Proto()
                                .text(1, BIAS)
                                .text(1, "/query/MatMul_output_0")
                                .text(2, "/query/Add_output_0")
                                .text(3, "/query/Add")
                                .text(4, "Add"))
                .message(
                        5,
                        new Proto()
                                .number(1, 2)
                                .number(1, 3)
                                .number(2, 1)
                                .text(8, WEIGHT)
                                .bytes(9, floats(WEIGHT_VALUES)))
                .message(
                        5,
                        new Proto()
                                .bytes(1, new Proto().varint(3).toByteArray())
                                .number(2, 1)
                                .bytes(4, floats(BIAS_VALUES))
                                .text(8, BIAS))
                .message(
                        5,
                        new Proto()
                                .number(1, 1)
                                .number(2, 7)
                                .text(8, "position_ids")
                                .bytes(9, new byte[8]))
                .text(2, "tiny");
        return new Proto().number(1, 8).message(7, graph).toByteArray();
    }

    private static byte[] floats(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            bytes.putFloat(value);
        }
        return bytes.array();
    }

    /** A message, written: each field a key (number and wire type) and its value. */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto number(int field, long value) {
            return varint(field << 3).varint(value);
        }

        Proto bytes(int field, byte[] value) {
            varint(field << 3 | 2).varint(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto text(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto message) {
            return bytes(field, message.toByteArray());
        }

        /** A bare varint: a key, a length or a packed value. */
        Proto varint(long value) {
            out.writeBytes(varintBytes(value));
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** {@code value} as a varint: 7 bits a byte, low bits first, 10 bytes for a negative number. */
    static byte[] varintBytes(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rest = value;
        while ((rest & ~0x7fL) != 0) {
            out.write((int) (rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
        return out.toByteArray();
    }
}
