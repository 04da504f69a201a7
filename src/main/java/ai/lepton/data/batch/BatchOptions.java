package ai.lepton.data.batch;

import ai.lepton.data.DataException;

/**
 * What every kind of batches' builder sets the same way: the batch size and the seeded shuffle.
 *
 * @param <B> the builder itself, so the setters chain
 */
public abstract class BatchOptions<B extends BatchOptions<B>> {

    int batchSize = 32;
    boolean shuffle;
    long seed;

    protected abstract B self();

    public B optBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new DataException("The batch size must be at least 1; got " + batchSize + ".");
        }
        this.batchSize = batchSize;
        return self();
    }

    /** Shuffles the rows each epoch, epoch {@code e} with the order drawn from {@code seed + e}. */
    public B optShuffle(long seed) {
        this.shuffle = true;
        this.seed = seed;
        return self();
    }
}
