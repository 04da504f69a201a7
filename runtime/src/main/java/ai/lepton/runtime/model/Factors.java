package ai.lepton.runtime.model;

import ai.djl.ndarray.NDArray;

/**
 * Constant factors inside a network that trains. DJL's {@code mul(Number)} and {@code div(Number)} turn the number into
 * a one-element array that, on the CPU, reads straight from a Java buffer, and close it at once; the engine keeps that
 * array for the backward pass, and once the garbage collector has freed the buffer, the gradient is computed with
 * whatever the freed memory then holds (silently wrong gradients, and now and then a NaN loss). Here the factor is an
 * array whose memory the engine owns, so the backward pass reads the number it was given.
 */
public final class Factors {

    private Factors() {}

    /** {@code array · factor}, safe to differentiate. */
    public static NDArray times(NDArray array, double factor) {
        try (NDArray owned = engineScalar(array, factor)) {
            return array.mul(owned);
        }
    }

    /** {@code array / divisor}, safe to differentiate. */
    public static NDArray dividedBy(NDArray array, double divisor) {
        try (NDArray owned = engineScalar(array, divisor)) {
            return array.div(owned);
        }
    }

    /** {@code value} as a scalar the engine allocated beside {@code like}; closing it leaves what the graph keeps. */
    private static NDArray engineScalar(NDArray like, double value) {
        try (NDArray wrapped = like.getManager().create((float) value)) {
            return wrapped.duplicate();
        }
    }
}
