package ai.lepton.runtime.weights;

import java.util.Arrays;
import java.util.Locale;

/** How an artifact stores its network's weights. */
public enum Precision {
    /** Every weight as a 32-bit float, as it trained. */
    FP32,
    /** Every weight as a 16-bit float: half the size. */
    FP16,
    /** Matrices (linear, convolution and embedding weights) as int8 with one scale per row; the rest as fp32. */
    INT8;

    /** The lower-case name the options and the manifest use ({@code int8}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code fp32}, {@code fp16} or {@code int8}; anything else is refused naming the choices. */
    public static Precision of(String text) {
        for (Precision precision : values()) {
            if (precision.label().equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))) {
                return precision;
            }
        }
        throw new IllegalArgumentException("there is no precision '" + text + "'; quantize takes "
                + String.join(
                        ", ", Arrays.stream(values()).map(Precision::label).toList())
                + ".");
    }
}
