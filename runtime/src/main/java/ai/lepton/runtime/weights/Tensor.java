package ai.lepton.runtime.weights;

import java.util.Arrays;

/**
 * A float32 tensor as pretrained weights come: its shape and values, row-major.
 *
 * @param shape  the size of each axis
 * @param values shape's product values
 */
public record Tensor(long[] shape, float[] values) {

    public Tensor {
        shape = shape.clone();
        long size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (size != values.length) {
            throw new IllegalArgumentException(
                    "a tensor of shape " + Arrays.toString(shape) + " holds " + size + " values, not " + values.length);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** This matrix transposed: [rows, columns] becomes [columns, rows]. */
    public Tensor transposed() {
        if (shape.length != 2) {
            throw new IllegalArgumentException(
                    "only a matrix transposes; this tensor has shape " + Arrays.toString(shape));
        }
        int rows = Math.toIntExact(shape[0]);
        int columns = Math.toIntExact(shape[1]);
        float[] out = new float[values.length];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                out[column * rows + row] = values[row * columns + column];
            }
        }
        return new Tensor(new long[] {columns, rows}, out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor that && Arrays.equals(shape, that.shape) && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "tensor " + Arrays.toString(shape);
    }
}
