package ai.lepton.data.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.lepton.data.Task;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Random;

/** What every kind of batch does the same way: the epoch's row order, and the labels array. */
final class BatchParts {

    private BatchParts() {}

    /** The rows in the order epoch {@code epoch} reads them when shuffled from {@code seed}; null when not shuffled. */
    static int[] order(int rows, boolean shuffle, long seed, int epoch) {
        if (!shuffle) {
            return null;
        }
        Random random = new Random(seed + epoch);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** The labels of a batch: int32 class indices for classification, float32 values for regression. */
    static NDArray labels(NDManager manager, float[] labels, Task task) {
        if (task != Task.CLASSIFICATION) {
            return manager.create(FloatBuffer.wrap(labels), new Shape(labels.length), DataType.FLOAT32);
        }
        int[] classes = new int[labels.length];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = (int) labels[i];
        }
        return manager.create(IntBuffer.wrap(classes), new Shape(labels.length), DataType.INT32);
    }
}
