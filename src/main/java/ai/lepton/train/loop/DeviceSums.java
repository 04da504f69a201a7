package ai.lepton.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-batch values (loss, correct predictions) kept as scalars on the device until they are needed, then
 * copied to the host in one transfer: reading a value back per batch would make the CPU wait for the
 * GPU every step.
 */
final class DeviceSums implements AutoCloseable {

    private final NDManager manager;
    private final List<NDArray> pending = new ArrayList<>();

    DeviceSums(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    /** Keeps {@code value} (a scalar) beyond its batch. */
    void add(NDArray value) {
        NDArray kept = value.stopGradient();
        kept.attach(manager);
        pending.add(kept);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Every value kept since the last drain, in order, on the host; frees them on the device. */
    float[] drain() {
        if (pending.isEmpty()) {
            return new float[0];
        }
        float[] values;
        try (NDArray stacked = NDArrays.stack(new NDList(pending));
                NDArray asFloats = stacked.toType(DataType.FLOAT32, true)) {
            values =
                    asFloats.toFloatArray(); // a copy either way, so both arrays are freed here, not at the epoch's end
        }
        pending.forEach(NDArray::close);
        pending.clear();
        return values;
    }

    @Override
    public void close() {
        pending.clear();
        manager.close();
    }
}
