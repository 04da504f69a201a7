package ai.lepton.runtime.monitor;

import java.util.Arrays;
import java.util.List;

/**
 * One field's reference distribution over bins: for a number (or a text, by its length in characters) the bins between
 * {@code edges}, for a category one bin per category and one for any other; the last bin holds missing values.
 *
 * @param edges      a number's or text's bin edges, ascending (bin i holds values below edges[i]); empty for a category
 * @param categories a category's values; empty otherwise
 * @param shares     each bin's share of the reference rows, the missing bin last
 */
public record FieldProfile(double[] edges, List<String> categories, double[] shares) {

    public FieldProfile {
        edges = edges.clone();
        categories = List.copyOf(categories);
        shares = shares.clone();
    }

    /** How many bins, the missing one included. */
    public int bins() {
        return shares.length;
    }

    /** The bin of a raw value: null is missing; a text counts by its length. */
    public int bin(Object value) {
        if (value == null) {
            return bins() - 1;
        }
        if (!categories.isEmpty()) {
            int index = categories.indexOf(String.valueOf(value));
            return index < 0 ? categories.size() : index;
        }
        double number = value instanceof Number n
                ? n.doubleValue()
                : String.valueOf(value).length();
        if (Double.isNaN(number)) {
            return bins() - 1;
        }
        int bin = Arrays.binarySearch(edges, number);
        return bin >= 0 ? bin + 1 : -bin - 1;
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public double[] shares() {
        return shares.clone();
    }
}
