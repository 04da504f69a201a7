package ai.lepton.data.prepare;

import ai.lepton.base.Suggestions;
import ai.lepton.data.DataException;

import java.util.List;

/**
 * A fitted text (categorical) column: missing values become {@code fill} (the training split's most
 * frequent value, or the category "(missing)" with constant imputation), then one-hot columns or one
 * ordinal index over the training split's categories.
 */
public record CategoricalFeature(String column, String fill, List<String> categories, PrepareOptions.Encode encode) {

    public CategoricalFeature {
        categories = List.copyOf(categories);
    }

    int width() {
        return encode == PrepareOptions.Encode.ONEHOT ? categories.size() : 1;
    }

    List<String> names() {
        return encode == PrepareOptions.Encode.ONEHOT
                ? categories.stream().map(c -> column + "=" + c).toList()
                : List.of(column);
    }

    /** Writes the encoding of {@code raw} at {@code offset}; an unseen category is all zeros (one-hot) or -1 (ordinal). */
    void write(String raw, float[] out, int offset, PrepareOptions.Unseen unseen, int row) {
        String value = raw == null ? fill : raw;
        int index = categories.indexOf(value);
        if (index < 0 && unseen == PrepareOptions.Unseen.ERROR) {
            throw new DataException("Row " + row + ": '" + value + "' in column '" + column
                    + "' was not seen when the preparation was fitted." + Suggestions.didYouMean("", value, categories)
                    + " Known: " + String.join(", ", categories)
                    + ". Fix the value, or prepare with unseen categories ignored.");
        }
        if (encode == PrepareOptions.Encode.ONEHOT) {
            if (index >= 0) {
                out[offset + index] = 1f;
            }
        } else {
            out[offset] = index;
        }
    }
}
