package ai.lepton.base;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Finds the names closest to a misspelt one, for "did you mean" messages. */
public final class Suggestions {

    private Suggestions() {}

    /** Up to three known names within a small edit distance of {@code wrong}, closest first. */
    public static List<String> closest(String wrong, Collection<String> known) {
        int limit = Math.max(2, wrong.length() / 3);
        return known.stream()
                .filter(name -> distance(wrong.toLowerCase(), name.toLowerCase()) <= limit
                        || name.toLowerCase().startsWith(wrong.toLowerCase()))
                .sorted(Comparator.comparingInt((String name) -> distance(wrong.toLowerCase(), name.toLowerCase()))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(3)
                .toList();
    }

    /** " Did you mean %a or %b?" or an empty string. */
    public static String didYouMean(String prefix, String wrong, Collection<String> known) {
        List<String> close = closest(wrong, known);
        if (close.isEmpty()) {
            return "";
        }
        return " Did you mean "
                + String.join(" or ", close.stream().map(name -> prefix + name).toList()) + "?";
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
