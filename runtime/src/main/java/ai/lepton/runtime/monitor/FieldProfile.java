package ai.lepton.runtime.monitor;

import ai.lepton.runtime.artifact.JsonEntry;

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

    /**
     * Reads one field's profile from an artifact: {@code edges} ascending, or {@code categories}, not both; and one
     * share from 0 to 1 per bin they make.
     */
    static FieldProfile fromJson(JsonEntry json) {
        double[] edges = json.numbers("edges");
        List<String> categories = json.strings("categories");
        double[] shares = json.numbers("shares");
        if (edges.length > 0 && !categories.isEmpty()) {
            throw json.damaged("categories", "is given beside edges; a field's values are binned by one or the other");
        }
        for (int i = 0; i < edges.length; i++) {
            if (Double.isNaN(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
                throw json.damaged("edges[" + i + "]", "is " + edges[i] + ", not above the edge before it");
            }
        }
        int bins = binsOf(edges, categories);
        if (shares.length != bins) {
            throw json.damaged(
                    "shares",
                    "holds " + shares.length + " shares, and its "
                            + (categories.isEmpty() ? edges.length + " edges" : categories.size() + " categories")
                            + " make " + bins + " bins (the missing one included)");
        }
        for (int i = 0; i < shares.length; i++) {
            if (!(shares[i] >= 0 && shares[i] <= 1 + 1e-9)) { // summed shares of 1/n may round past 1
                throw json.damaged("shares[" + i + "]", "is " + shares[i] + ", not a share from 0 to 1");
            }
        }
        return new FieldProfile(edges, categories, shares);
    }

    /**
     * The bins a profile of {@code edges} or {@code categories} has: one more than there are edges, or one per category
     * and one for any other; and one for missing values.
     */
    private static int binsOf(double[] edges, List<String> categories) {
        return (categories.isEmpty() ? edges.length : categories.size()) + 2;
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
