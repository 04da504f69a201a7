package ai.lepton.runtime.weights;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/** The safetensors element types Lepton reads (each as floats) and writes; safetensors spells them as the names. */
enum DType {
    /** 32-bit floats. */
    F32(4),
    /** IEEE half floats. */
    F16(2),
    /** bfloat16: the top half of an F32. */
    BF16(2),
    /** Whole numbers from -128 to 127. */
    I8(1);

    private final int width;

    DType(int width) {
        this.width = width;
    }

    /** Bytes per value. */
    int width() {
        return width;
    }

    /** The type a header names, if Lepton reads it. */
    static Optional<DType> named(String name) {
        return Arrays.stream(values()).filter(type -> type.name().equals(name)).findFirst();
    }

    /** The value at {@code index} (counted in values, not bytes) of little-endian {@code bytes}. */
    float get(ByteBuffer bytes, int index) {
        return switch (this) {
            case F32 -> bytes.getFloat(4 * index);
            case F16 -> Float.float16ToFloat(bytes.getShort(2 * index));
            case BF16 -> Float.intBitsToFloat((bytes.getShort(2 * index) & 0xffff) << 16);
            case I8 -> bytes.get(index);
        };
    }

    /** The bfloat16 nearest {@code value} (ties to even), as F32's top half. */
    private static short bfloat16(float value) {
        int bits = Float.floatToIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x40); // keep it a NaN: the payload may sit in the half that is cut
        }
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }

    /** Appends {@code value} to {@code bytes}; {@code name} says which tensor holds a value I8 cannot. */
    void put(ByteBuffer bytes, float value, String name) {
        switch (this) {
            case F32 -> bytes.putFloat(value);
            case F16 -> bytes.putShort(Float.floatToFloat16(value));
            case BF16 -> bytes.putShort(bfloat16(value));
            case I8 -> {
                if (value != Math.rint(value) || value < -128 || value > 127) {
                    throw new IllegalArgumentException(
                            "tensor " + name + " holds " + value + ", which is not an int8 value");
                }
                bytes.put((byte) value);
            }
        }
    }
}
