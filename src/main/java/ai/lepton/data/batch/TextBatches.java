package ai.lepton.data.batch;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import ai.lepton.data.DataException;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.runtime.text.TextTokenizer;
import ai.lepton.runtime.text.TokenBatch;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Rows with free text as batches for a language model. Every row's text is tokenized once, when the batches are built
 * (its text columns joined by the tokenizer's separator); each batch is padded to its own longest text, not to
 * {@code max_length}, so short texts cost little. A batch holds token ids, the attention mask and token types
 * ([rows, tokens], int64), and the rows' tabular features ([rows, features]) when they have any; labels as
 * {@link BatchDataset}'s.
 */
public final class TextBatches implements EpochBatches {

    private final FeatureMatrix matrix;
    private final Task task;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final long padId;
    private final long[][] tokens;
    private final int truncated;

    private TextBatches(Builder builder, TextTokenizer tokenizer) {
        this.matrix = builder.matrix;
        this.task = builder.task;
        this.batchSize = builder.batchSize;
        this.shuffle = builder.shuffle;
        this.seed = builder.seed;
        this.padId = tokenizer.padId();
        List<String> texts = new ArrayList<>(matrix.rows());
        for (int row = 0; row < matrix.rows(); row++) {
            texts.add(tokenizer.join(matrix.texts(row)));
        }
        List<TextTokenizer.Tokens> encoded = tokenizer.encode(texts);
        this.tokens = new long[encoded.size()][];
        int cut = 0;
        for (int row = 0; row < tokens.length; row++) {
            tokens[row] = encoded.get(row).ids();
            cut += encoded.get(row).truncated() ? 1 : 0;
        }
        this.truncated = cut;
    }

    public static Builder builder(FeatureMatrix matrix, Task task) {
        return new Builder(matrix, task);
    }

    /** How many rows' texts were longer than max_length and were cut. */
    public int truncated() {
        return truncated;
    }

    public int rows() {
        return matrix.rows();
    }

    @Override
    public int batchCount() {
        return (matrix.rows() + batchSize - 1) / batchSize;
    }

    @Override
    public Iterable<Batch> epochData(NDManager manager, int epoch) {
        int[] order = BatchParts.order(matrix.rows(), shuffle, seed, epoch);
        return () -> new Batches(manager, order);
    }

    private final class Batches implements Iterator<Batch> {
        private final NDManager manager;
        private final int[] order;
        private int next;

        Batches(NDManager manager, int[] order) {
            this.manager = manager;
            this.order = order;
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
            int start = index * batchSize;
            int rows = Math.min(batchSize, matrix.rows() - start);
            List<long[]> texts = new ArrayList<>(rows);
            int columns = matrix.columns();
            float[] features = new float[rows * columns];
            float[] labels = matrix.labels() == null ? null : new float[rows];
            for (int i = 0; i < rows; i++) {
                int row = order == null ? start + i : order[start + i];
                texts.add(tokens[row]);
                System.arraycopy(matrix.features(), row * columns, features, i * columns, columns);
                if (labels != null) {
                    labels[i] = matrix.labels()[row];
                }
            }
            NDManager batchManager = manager.newSubManager();
            NDList data = TokenBatch.of(texts, padId).arrays(batchManager);
            if (columns > 0) {
                data.add(batchManager.create(FloatBuffer.wrap(features), new Shape(rows, columns), DataType.FLOAT32));
            }
            NDList labelList =
                    labels == null ? new NDList() : new NDList(BatchParts.labels(batchManager, labels, task));
            return new Batch(
                    batchManager, data, labelList, rows, Batchifier.STACK, Batchifier.STACK, index + 1L, batchCount());
        }
    }

    /** Builder in DJL's style: the rows in the constructor, {@code opt*} for the rest, the tokenizer to build. */
    public static final class Builder extends BatchOptions<Builder> {
        private final FeatureMatrix matrix;
        private final Task task;

        private Builder(FeatureMatrix matrix, Task task) {
            this.matrix = matrix;
            this.task = task;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Tokenizes every row's text with {@code tokenizer} (its max length cuts long texts). */
        public TextBatches build(TextTokenizer tokenizer) {
            if (!matrix.hasText()) {
                throw new DataException("These rows have no text column; prepare one with --text COL (optText).");
            }
            if (matrix.rows() == 0) {
                throw new DataException("There are no rows to make batches from.");
            }
            return new TextBatches(this, tokenizer);
        }
    }
}
