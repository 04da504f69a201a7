package ai.lepton.data.prepare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/** Seeded train/validation/test split of row indices, optionally keeping each class's share in every split. */
final class Splitter {

    /** Row indices of each split. */
    record Split(int[] train, int[] validation, int[] test) {}

    private Splitter() {}

    static Split split(int rows, List<Double> fractions, long seed) {
        int[] order = shuffled(range(rows), new Random(seed));
        return cut(List.of(order), fractions);
    }

    /** Stratified: each class is shuffled and cut by the fractions on its own, then the pieces are joined. */
    static Split stratified(String[] labels, List<Double> fractions, long seed) {
        return cut(classGroups(labels, new Random(seed)), fractions);
    }

    /** Each class's rows, shuffled, classes in label order. */
    private static List<int[]> classGroups(String[] labels, Random random) {
        Map<String, List<Integer>> byClass = new LinkedHashMap<>();
        for (int row = 0; row < labels.length; row++) {
            byClass.computeIfAbsent(labels[row], label -> new ArrayList<>()).add(row);
        }
        List<int[]> groups = new ArrayList<>();
        byClass.keySet().stream()
                .sorted()
                .forEach(label -> groups.add(shuffled(
                        byClass.get(label).stream().mapToInt(Integer::intValue).toArray(), random)));
        return groups;
    }

    /**
     * k folds: the rows (each class on its own when {@code labelsOrNull} is given) are shuffled and dealt
     * round-robin into k folds; split i validates on fold i and trains on the rest, with no test rows.
     */
    static List<Split> folds(int rows, String[] labelsOrNull, int k, long seed) {
        Random random = new Random(seed);
        List<int[]> groups =
                labelsOrNull == null ? List.of(shuffled(range(rows), random)) : classGroups(labelsOrNull, random);
        int[] foldOf = new int[rows];
        int dealt = 0;
        for (int[] group : groups) {
            for (int row : group) {
                foldOf[row] = dealt++ % k;
            }
        }
        List<Split> splits = new ArrayList<>();
        for (int fold = 0; fold < k; fold++) {
            int current = fold;
            splits.add(new Split(
                    IntStream.range(0, rows)
                            .filter(row -> foldOf[row] != current)
                            .toArray(),
                    IntStream.range(0, rows)
                            .filter(row -> foldOf[row] == current)
                            .toArray(),
                    new int[0]));
        }
        return splits;
    }

    private static Split cut(List<int[]> groups, List<Double> fractions) {
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int[] group : groups) {
            int trainEnd = (int) Math.round(group.length * fractions.get(0));
            int validationEnd = trainEnd + (int) Math.round(group.length * fractions.get(1));
            validationEnd = Math.min(validationEnd, group.length);
            for (int i = 0; i < group.length; i++) {
                (i < trainEnd ? train : i < validationEnd ? validation : test).add(group[i]);
            }
        }
        return new Split(toArray(train), toArray(validation), toArray(test));
    }

    private static int[] range(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    private static int[] shuffled(int[] rows, Random random) {
        for (int i = rows.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = rows[i];
            rows[i] = rows[j];
            rows[j] = swap;
        }
        return rows;
    }

    private static int[] toArray(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
