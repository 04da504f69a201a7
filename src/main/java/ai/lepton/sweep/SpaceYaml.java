package ai.lepton.sweep;

import ai.lepton.options.YamlLines;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a sweep's YAML body into a {@link SearchSpace}. A plain value is fixed; a list is a choice (write
 * {@code [[128, 64]]} to fix a list-valued one); {@code uniform(a, b[, step])}, {@code loguniform(a, b)}
 * and {@code int(a, b[, step])} are ranges. Each mistake names its line and key.
 */
final class SpaceYaml {

    private static final Pattern RANGE = Pattern.compile("(loguniform|uniform|int)\\s*\\((.*)\\)");

    private SpaceYaml() {}

    static SearchSpace parse(String yaml) {
        List<YamlLines.Entry> entries;
        try {
            entries = YamlLines.read(yaml);
        } catch (YamlLines.ShapeException e) {
            throw new SweepException(
                    switch (e.kind()) {
                        case SYNTAX ->
                            "The search space is not valid YAML at line " + e.line() + ": " + e.getMessage()
                                    + ". Write one 'name: values' per line, such as 'lr: loguniform(1e-4, 1e-2)'.";
                        case NOT_A_MAPPING ->
                            "The search space must be 'name: values' lines, such as 'hidden: [[64], [128, 64]]'.";
                        case KEY_NOT_TEXT -> "Line " + e.line() + ": a hyperparameter name must be plain text.";
                    });
        }
        SearchSpace space = new SearchSpace();
        for (YamlLines.Entry entry : entries) {
            try {
                space.add(entry.key(), dimension(entry));
            } catch (SweepException e) {
                throw new SweepException("Line " + entry.line() + ", '" + entry.key() + "': " + e.getMessage());
            }
        }
        return space;
    }

    private static Dimension dimension(YamlLines.Entry entry) {
        Object value = entry.value();
        if (value == null) {
            throw new SweepException(
                    "no value; give one value, a list to choose from, or a range such as uniform(0.0, 0.5).");
        }
        if (value instanceof Map<?, ?>) {
            throw new SweepException("a nested mapping is not a search dimension; give a value, a list or a range.");
        }
        if (value instanceof List<?> choices) {
            if (choices.isEmpty()) {
                throw new SweepException("an empty list has nothing to choose from; give at least one value.");
            }
            return new Dimension.Choice(choices);
        }
        if (value instanceof String text && entry.plain()) {
            Matcher range = RANGE.matcher(text.strip());
            if (range.matches()) {
                return range(range.group(1), range.group(2));
            }
        }
        return new Dimension.Fixed(value);
    }

    private static Dimension range(String kind, String arguments) {
        String written = kind + "(" + arguments + ")";
        double[] bounds;
        try {
            bounds = Arrays.stream(arguments.split(","))
                    .map(String::strip)
                    .mapToDouble(Double::parseDouble)
                    .toArray();
        } catch (NumberFormatException e) {
            throw new SweepException(
                    written + ": the bounds must be numbers, such as " + kind + "(" + example(kind) + ").");
        }
        int most = kind.equals("loguniform") ? 2 : 3;
        if (bounds.length < 2 || bounds.length > most) {
            throw new SweepException(written + ": give "
                    + (most == 2 ? "a low and a high end" : "a low and a high end, and optionally a step")
                    + ", such as " + kind + "(" + example(kind) + ").");
        }
        if (kind.equals("int")) {
            for (double bound : bounds) {
                if (bound != Math.rint(bound)) {
                    throw new SweepException(
                            written + ": int ranges take whole numbers; use uniform(...) for fractions.");
                }
            }
            return new Dimension.IntRange((int) bounds[0], (int) bounds[1], bounds.length == 3 ? (int) bounds[2] : 1);
        }
        return new Dimension.Range(bounds[0], bounds[1], bounds.length == 3 ? bounds[2] : 0, kind.equals("loguniform"));
    }

    private static String example(String kind) {
        return switch (kind) {
            case "loguniform" -> "1e-4, 1e-2";
            case "int" -> "1, 4";
            default -> "0.0, 0.5";
        };
    }

    /** A value in YAML's flow style, as the space's YAML writes it back. */
    static String flow(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(SpaceYaml::flow).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        return String.valueOf(value);
    }
}
