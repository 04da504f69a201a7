package ai.lepton.options;

import ai.lepton.track.Metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How an option's value is read: from what YAML or JSON gives (numbers, text, booleans, lists) or from text typed on a
 * magic's line or recorded in the store. A value it cannot read is an {@link IllegalArgumentException}; the option then
 * says what it must be, using {@link #describe()}.
 *
 * @param <T> the value's type
 */
public interface OptionType<T> {

    /** Reads {@code value}; throws {@link IllegalArgumentException} when it is not of this type. */
    T read(Object value);

    /** What values of this type look like, for messages and help: "a whole number". */
    String describe();

    /** The value as text that {@link #read} reads back as the same value. */
    default String format(T value) {
        return String.valueOf(value);
    }

    /** A whole number: 20, or "20". */
    OptionType<Integer> WHOLE = of("a whole number", value -> Math.toIntExact(whole(value)));

    /** A whole number that may be large: a seed. */
    OptionType<Long> LONG = of("a whole number", OptionType::whole);

    /** A number: 1e-3, 0.5, or the text "1e-3" (YAML 1.1 reads an exponent without a dot as text). */
    OptionType<Double> NUMBER = of(
            "a number",
            value -> value instanceof Number number ? number.doubleValue() : Double.parseDouble(text(value)));

    /** true or false. */
    OptionType<Boolean> FLAG = of("true or false", value -> {
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = text(value).toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException(text);
        }
        return Boolean.parseBoolean(text);
    });

    /** Text as written, stripped: a path, a URL, a model id. */
    OptionType<String> TEXT = of("text", value -> text(value).strip());

    /** A word, lower-cased: a name to choose, such as adam. */
    OptionType<String> WORD = of("text", value -> text(value).strip().toLowerCase(Locale.ROOT));

    /** A metric's name, read as the {@link Metric} it names (lower case, as the store keeps it): val_accuracy. */
    OptionType<Metric> METRIC =
            of("a metric's name", value -> value instanceof Metric metric ? metric : Metric.named(WORD.read(value)));

    /** Positive whole numbers: [128, 64], a single 128, or the text "[128, 64]". */
    OptionType<List<Integer>> WIDTHS = new OptionType<>() {
        @Override
        public List<Integer> read(Object value) {
            if (value instanceof Integer width) {
                return List.of(width);
            }
            if (value instanceof List<?> list && list.stream().allMatch(item -> item instanceof Integer)) {
                return list.stream().map(item -> (Integer) item).toList();
            }
            if (value instanceof String text && text.strip().matches("\\[?\\s*\\d+(\\s*,\\s*\\d+)*\\s*]?")) {
                List<Integer> widths = new ArrayList<>();
                Arrays.stream(text.replaceAll("[\\[\\]\\s]", "").split(","))
                        .forEach(part -> widths.add(Integer.valueOf(part)));
                return List.copyOf(widths);
            }
            throw new IllegalArgumentException(String.valueOf(value));
        }

        @Override
        public String describe() {
            return "a list of whole numbers, such as [128, 64]";
        }
    };

    /** One of an enum's constants, written in lower case: {@code random} for {@code Search.RANDOM}. */
    static <E extends Enum<E>> OptionType<E> enumeration(Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .toList();
        return new OptionType<>() {
            @Override
            public E read(Object value) {
                return type.isInstance(value)
                        ? type.cast(value)
                        : Enum.valueOf(type, text(value).strip().toUpperCase(Locale.ROOT));
            }

            @Override
            public String describe() {
                return "one of " + String.join(", ", names);
            }

            @Override
            public String format(E value) {
                return value.name().toLowerCase(Locale.ROOT);
            }
        };
    }

    /** A type of the given description whose values {@code reader} reads. */
    static <T> OptionType<T> of(String description, Function<Object, T> reader) {
        return new OptionType<>() {
            @Override
            public T read(Object value) {
                return reader.apply(value);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    private static long whole(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        return Long.parseLong(text(value).strip());
    }

    private static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException(String.valueOf(value));
    }
}
