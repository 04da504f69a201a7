package ai.lepton.data.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.Batchifier;
import ai.djl.util.Progress;
import ai.lepton.data.DataException;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Prepared rows as a DJL {@link Dataset}. Each batch is cut from the one contiguous feature buffer
 * (gathered row by row when shuffled) into one features array and one labels array, created on the
 * device of the manager passed to {@link #getData}, in a sub-manager that {@link Batch#close()}
 * frees: no per-row NDArrays, and no arrays or native buffers left behind between batches or epochs.
 *
 * <p>Each call to {@link #getData} is one epoch; with shuffling, epoch {@code e} uses the order
 * drawn from {@code seed + e}, so a run can be repeated exactly. Labels are int32 class indices for
 * classification and float32 values for regression.
 */
public final class BatchDataset implements Dataset, EpochBatches {

    /** Gathers prefetched batches; idle threads end after a minute, so an abandoned epoch leaves nothing behind. */
    private static final ExecutorService GATHERERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "lepton-batch-prefetch");
        thread.setDaemon(true);
        return thread;
    });

    private final FeatureMatrix matrix;
    private final Task task;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final boolean prefetch;
    private final long[] rowShape;
    private int epoch;

    private BatchDataset(Builder builder) {
        this.matrix = builder.matrix;
        this.task = builder.task;
        this.batchSize = builder.batchSize;
        this.shuffle = builder.shuffle;
        this.seed = builder.seed;
        this.dropLast = builder.dropLast;
        this.prefetch = builder.prefetch;
        this.rowShape = builder.rowShape;
    }

    public static Builder builder(FeatureMatrix matrix, Task task) {
        return new Builder(matrix, task);
    }

    @Override
    public int batchCount() {
        return dropLast ? matrix.rows() / batchSize : (matrix.rows() + batchSize - 1) / batchSize;
    }

    @Override
    public Iterable<Batch> getData(NDManager manager) {
        return epochData(manager, epoch++);
    }

    @Override
    public Iterable<Batch> epochData(NDManager manager, int epoch) {
        int[] order = BatchParts.order(matrix.rows(), shuffle, seed, epoch);
        return () -> new Batches(manager, order);
    }

    @Override
    public void prepare(Progress progress) {
        // the buffers are built once, when the data is prepared; nothing to do per dataset
    }

    /** One batch's rows, gathered on the host into one of the iterator's reused native-order direct buffers. */
    private record HostBatch(ByteBuffer features, float[] labels, int rows) {}

    /** One epoch's batches; with prefetch, the next batch is gathered on another thread while this one trains. */
    private final class Batches implements Iterator<Batch> {
        private final NDManager manager;
        private final int[] order;
        /** Two gather buffers in turn: one is filled ahead while the other becomes the current batch's array. */
        private final ByteBuffer[] buffers = new ByteBuffer[2];

        private int next;
        private CompletableFuture<HostBatch> ahead;

        Batches(NDManager manager, int[] order) {
            this.manager = manager;
            this.order = order;
            if (prefetch && hasNext()) {
                ahead = CompletableFuture.supplyAsync(() -> gather(0), GATHERERS);
            }
        }

        @Override
        public boolean hasNext() {
            return next < batchCount();
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int index = next++;
            HostBatch host;
            if (prefetch) {
                host = ahead.join();
                if (next < batchCount()) {
                    int following = next;
                    ahead = CompletableFuture.supplyAsync(() -> gather(following), GATHERERS);
                }
            } else {
                host = gather(index);
            }
            return toBatch(host, index);
        }

        private HostBatch gather(int index) {
            int start = index * batchSize;
            int rows = Math.min(batchSize, matrix.rows() - start);
            int columns = matrix.columns();
            ByteBuffer bytes = buffer(index % 2);
            FloatBuffer features = bytes.asFloatBuffer();
            float[] labels = matrix.labels() == null ? null : new float[rows];
            for (int i = 0; i < rows; i++) {
                int row = order == null ? start + i : order[start + i];
                features.put(matrix.features(), row * columns, columns);
                if (labels != null) {
                    labels[i] = matrix.labels()[row];
                }
            }
            return new HostBatch(bytes.limit(rows * columns * Float.BYTES), labels, rows);
        }

        private ByteBuffer buffer(int which) {
            if (buffers[which] == null) {
                buffers[which] = ByteBuffer.allocateDirect(batchSize * matrix.columns() * Float.BYTES)
                        .order(ByteOrder.nativeOrder());
            }
            return buffers[which].clear();
        }

        private Batch toBatch(HostBatch host, int index) {
            NDManager batchManager = manager.newSubManager();
            // The engine wraps a direct buffer without copying; the copy it is duplicated into belongs to
            // the engine and is freed when the batch closes, and our buffer is free for the next gather.
            // (Passing anything else makes the engine copy into a new direct buffer that only the GC frees.)
            NDArray features;
            try (NDArray staged = batchManager.create(host.features(), batchShape(host.rows()), DataType.FLOAT32)) {
                features = staged.duplicate();
            }
            NDList labels = new NDList();
            if (host.labels() != null) {
                labels.add(BatchParts.labels(batchManager, host.labels(), task));
            }
            return new Batch(
                    batchManager,
                    new NDList(features),
                    labels,
                    host.rows(),
                    Batchifier.STACK,
                    Batchifier.STACK,
                    index + 1L,
                    batchCount());
        }

        private Shape batchShape(int rows) {
            long[] dims = new long[rowShape.length + 1];
            dims[0] = rows;
            System.arraycopy(rowShape, 0, dims, 1, rowShape.length);
            return new Shape(dims);
        }
    }

    /** Builder in DJL's style: the data in the constructor, {@code opt*} for the rest. */
    public static final class Builder extends BatchOptions<Builder> {
        private final FeatureMatrix matrix;
        private final Task task;
        private boolean dropLast;
        private boolean prefetch;
        private long[] rowShape;

        private Builder(FeatureMatrix matrix, Task task) {
            this.matrix = matrix;
            this.task = task;
            this.rowShape = new long[] {matrix.columns()};
        }

        /** The shape of one row in a batch, such as (1, 8, 8) for grey 8×8 images; flat by default. */
        public Builder optRowShape(long... shape) {
            long size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            if (size != matrix.columns()) {
                throw new DataException("A row shape of " + Arrays.toString(shape) + " holds " + size
                        + " values, but each row has " + matrix.columns() + ".");
            }
            this.rowShape = shape.clone();
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder optDropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Gathers the next batch on a background thread while the current one trains. */
        public Builder optPrefetch(boolean prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        public BatchDataset build() {
            if (matrix.rows() == 0) {
                throw new DataException("There are no rows to make batches from.");
            }
            return new BatchDataset(this);
        }
    }
}
