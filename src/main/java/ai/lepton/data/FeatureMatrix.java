package ai.lepton.data;

import java.util.List;

/**
 * Prepared rows as one contiguous row-major float buffer, ready to slice into training batches, and the row's free-text
 * columns, which a language model's tokenizer reads when it batches them.
 *
 * @param features {@code rows × names.size()} values, row after row
 * @param labels   one per row: the class index, or the regression value; null when the target was absent
 * @param rows     how many rows
 * @param names    the feature names, in column order
 * @param texts    the free-text columns, in the order the preparation names them; empty for tabular rows
 */
public record FeatureMatrix(float[] features, float[] labels, int rows, List<String> names, List<TextColumn> texts) {

    public FeatureMatrix {
        names = List.copyOf(names);
        texts = List.copyOf(texts);
        for (TextColumn text : texts) {
            if (text.values().length != rows) {
                throw new IllegalArgumentException("text column '" + text.name() + "' has " + text.values().length
                        + " values for " + rows + " rows");
            }
        }
    }

    /** Rows without free text. */
    public FeatureMatrix(float[] features, float[] labels, int rows, List<String> names) {
        this(features, labels, rows, names, List.of());
    }

    public int columns() {
        return names.size();
    }

    public float get(int row, int column) {
        return features[row * names.size() + column];
    }

    /** The rows at {@code picks}, in that order (a few labels per class from a larger pool, for example). */
    public FeatureMatrix select(int[] picks) {
        int width = columns();
        float[] picked = new float[picks.length * width];
        float[] pickedLabels = labels == null ? null : new float[picks.length];
        for (int i = 0; i < picks.length; i++) {
            System.arraycopy(features, picks[i] * width, picked, i * width, width);
            if (pickedLabels != null) {
                pickedLabels[i] = labels[picks[i]];
            }
        }
        List<TextColumn> pickedTexts = texts.stream()
                .map(text -> {
                    String[] values = new String[picks.length];
                    for (int i = 0; i < picks.length; i++) {
                        values[i] = text.values()[picks[i]];
                    }
                    return new TextColumn(text.name(), values);
                })
                .toList();
        return new FeatureMatrix(picked, pickedLabels, picks.length, names, pickedTexts);
    }

    public boolean hasText() {
        return !texts.isEmpty();
    }

    /** Row {@code row}'s texts, one per text column in order (a missing text is empty), for the tokenizer to join. */
    public List<String> texts(int row) {
        return texts.stream()
                .map(text -> text.values()[row] == null ? "" : text.values()[row])
                .toList();
    }
}
