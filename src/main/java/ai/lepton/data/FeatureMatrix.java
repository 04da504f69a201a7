package ai.lepton.data;

import java.util.List;

/**
 * Prepared rows as one contiguous row-major float buffer, ready to slice into training batches.
 *
 * @param features {@code rows × names.size()} values, row after row
 * @param labels   one per row: the class index, or the regression value; null when the target was absent
 * @param rows     how many rows
 * @param names    the feature names, in column order
 */
public record FeatureMatrix(float[] features, float[] labels, int rows, List<String> names) {

    public int columns() {
        return names.size();
    }

    public float get(int row, int column) {
        return features[row * names.size() + column];
    }
}
