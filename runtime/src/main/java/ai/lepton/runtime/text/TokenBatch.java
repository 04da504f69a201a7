package ai.lepton.runtime.text;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Several texts' word-piece ids as one batch: padded to the batch's longest text (not to max_length), with the
 * attention mask hiding the padding. Training and the runtime batch texts this one way.
 *
 * @param ids    rows × length ids, row-major, padded with the tokenizer's padding id
 * @param mask   1 for a real token, 0 for padding
 * @param rows   how many texts
 * @param length the longest text's length
 */
public record TokenBatch(long[] ids, long[] mask, int rows, int length) {

    /** {@code texts} (each one text's ids) padded with {@code padId}. */
    public static TokenBatch of(List<long[]> texts, long padId) {
        int length = 1;
        for (long[] text : texts) {
            length = Math.max(length, text.length);
        }
        long[] ids = new long[texts.size() * length];
        long[] mask = new long[ids.length];
        Arrays.fill(ids, padId);
        for (int row = 0; row < texts.size(); row++) {
            long[] text = texts.get(row);
            System.arraycopy(text, 0, ids, row * length, text.length);
            Arrays.fill(mask, row * length, row * length + text.length, 1L);
        }
        return new TokenBatch(ids, mask, texts.size(), length);
    }

    /** Token ids, attention mask and token types ([rows, length], int64), as a BERT encoder takes them. */
    public NDList arrays(NDManager manager) {
        Shape shape = new Shape(rows, length);
        return new NDList(
                manager.create(LongBuffer.wrap(ids), shape, DataType.INT64),
                manager.create(LongBuffer.wrap(mask), shape, DataType.INT64),
                manager.zeros(shape, DataType.INT64));
    }
}
