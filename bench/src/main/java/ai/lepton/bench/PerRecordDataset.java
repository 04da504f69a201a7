package ai.lepton.bench;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import ai.lepton.data.FeatureMatrix;

import java.util.Arrays;

/**
 * The per-record path DJL's tabular datasets take, over already-parsed numbers: every row becomes its
 * own features and label NDArrays, and DJL's batchifier stacks 256 of them into a batch.
 */
final class PerRecordDataset extends RandomAccessDataset {

    private final FeatureMatrix matrix;

    PerRecordDataset(FeatureMatrix matrix, int batchSize) {
        super(new Builder().setSampling(batchSize, true));
        this.matrix = matrix;
    }

    @Override
    public Record get(NDManager manager, long index) {
        int row = (int) index;
        float[] features = Arrays.copyOfRange(matrix.features(), row * matrix.columns(), (row + 1) * matrix.columns());
        return new Record(new NDList(manager.create(features)), new NDList(manager.create(matrix.labels()[row])));
    }

    @Override
    protected long availableSize() {
        return matrix.rows();
    }

    @Override
    public void prepare(Progress progress) {
        // the matrix is ready
    }

    private static final class Builder extends BaseBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
