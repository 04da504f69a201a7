package ai.lepton.sweep;

import smile.hpo.Hyperparameters;
import smile.math.MathEx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The hyperparameters a sweep varies, each a {@link Dimension}, in the order declared. Configurations come
 * from Smile's {@link Hyperparameters}: every combination (grid) or a bounded, seeded random draw.
 */
public final class SearchSpace {

    private final Map<String, Dimension> dimensions = new LinkedHashMap<>();

    /** An empty space; add dimensions with the methods below, or read one with {@link #parse}. */
    public SearchSpace() {}

    /** Reads a space from YAML, such as {@code lr: loguniform(1e-4, 1e-2)} and {@code hidden: [[64], [128, 64]]}. */
    public static SearchSpace parse(String yaml) {
        return SpaceYaml.parse(yaml);
    }

    public SearchSpace add(String name, Dimension dimension) {
        if (dimensions.putIfAbsent(name, dimension) != null) {
            throw new SweepException("'" + name + "' is declared twice in the search space; keep one.");
        }
        return this;
    }

    public SearchSpace fixed(String name, Object value) {
        return add(name, new Dimension.Fixed(value));
    }

    public SearchSpace choice(String name, Object... values) {
        return add(name, new Dimension.Choice(List.of(values)));
    }

    public SearchSpace intRange(String name, int low, int high) {
        return add(name, new Dimension.IntRange(low, high, 1));
    }

    public SearchSpace uniform(String name, double low, double high) {
        return add(name, new Dimension.Range(low, high, 0, false));
    }

    public SearchSpace logUniform(String name, double low, double high) {
        return add(name, new Dimension.Range(low, high, 0, true));
    }

    public Map<String, Dimension> dimensions() {
        return Collections.unmodifiableMap(dimensions);
    }

    /**
     * Up to {@code trials} configurations: with {@link Search#GRID} the first {@code trials} combinations
     * (every one when {@code trials} is 0), with {@link Search#RANDOM} exactly {@code trials} draws, the
     * same ones for the same {@code seed}.
     */
    public List<Map<String, Object>> configurations(Search search, int trials, long seed) {
        if (dimensions.isEmpty()) {
            throw new SweepException(
                    "The search space is empty: declare at least one hyperparameter, such as 'lr: loguniform(1e-4, 1e-2)'.");
        }
        if (trials < 0 || search == Search.RANDOM && trials == 0) {
            throw new SweepException(
                    "trials must be " + (search == Search.RANDOM ? "1 or more for a random search" : "0 (all) or more")
                            + ", not " + trials + ".");
        }
        Hyperparameters space = new Hyperparameters();
        dimensions.forEach((name, dimension) -> dimension.declare(name, space, search));
        List<Properties> drawn;
        if (search == Search.GRID) {
            drawn = (trials == 0 ? space.grid() : space.grid().limit(trials)).toList();
        } else {
            // Smile draws from the calling thread's generator, and its random() alone never ends
            MathEx.setSeed(seed);
            drawn = space.random(trials).toList();
        }
        return drawn.stream().map(this::decode).toList();
    }

    /** How many configurations a grid search has. */
    public long gridSize() {
        Hyperparameters space = new Hyperparameters();
        dimensions.forEach((name, dimension) -> dimension.declare(name, space, Search.GRID));
        return dimensions.isEmpty() ? 0 : space.grid().count();
    }

    private Map<String, Object> decode(Properties drawn) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        dimensions.forEach((name, dimension) -> configuration.put(name, dimension.value(drawn.getProperty(name))));
        return configuration;
    }

    /** The space as YAML that {@link #parse} reads back to an equal space (a sweep records it to resume). */
    public String yaml() {
        return dimensions.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue().yaml())
                .collect(Collectors.joining("\n"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SearchSpace space && space.dimensions.equals(dimensions);
    }

    @Override
    public int hashCode() {
        return dimensions.hashCode();
    }

    @Override
    public String toString() {
        return yaml();
    }
}
