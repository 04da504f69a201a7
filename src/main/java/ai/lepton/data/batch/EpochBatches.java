package ai.lepton.data.batch;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;

/**
 * Batches of prepared rows, epoch by epoch, as the training loop reads them: {@link BatchDataset} for rows of features
 * and images, {@link TextBatches} for rows with free text. Each batch's arrays live in a sub-manager that closing the
 * batch frees.
 */
public interface EpochBatches {

    /** Batches per epoch. */
    int batchCount();

    /** The batches of epoch {@code epoch} (0-based), in the order that epoch always has: a resumed run sees the same. */
    Iterable<Batch> epochData(NDManager manager, int epoch);
}
