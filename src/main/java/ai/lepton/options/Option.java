package ai.lepton.options;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One option, declared once: the name users write (a YAML key, a magic's {@code --name}), its type, its default, what
 * values it accepts and what it does. An {@link OptionTable} of them parses, checks, documents and completes them.
 *
 * @param <T> the value's type
 */
public final class Option<T> {

    /** Why a value was refused, phrased to follow the option's name: "must be a whole number, not 'many'". */
    public static final class Refused extends IllegalArgumentException {
        Refused(String reason) {
            super(reason);
        }
    }

    private final String name;
    private final OptionType<T> type;
    private final T defaultValue;
    private final String help;
    private final Predicate<T> check;
    private final String requirement;
    private final List<String> choices;
    /** whether its values are only its choices, whatever its type: help and mistakes then say so alike */
    private final boolean closed;

    private Option(
            String name,
            OptionType<T> type,
            T defaultValue,
            String help,
            Predicate<T> check,
            String requirement,
            List<String> choices,
            boolean closed) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.help = help;
        this.check = check;
        this.requirement = requirement;
        this.choices = List.copyOf(choices);
        this.closed = closed;
    }

    /** An option that takes any value of {@code type}; a null default makes it optional (null: not given). */
    public static <T> Option<T> of(String name, OptionType<T> type, T defaultValue, String help) {
        return new Option<>(name, type, defaultValue, help, value -> true, null, List.of(), false);
    }

    /** A word chosen from {@code choices}, which completion offers: for a set of names that may grow, such as models. */
    public static Option<String> choice(String name, List<String> choices, String defaultValue, String help) {
        return of(name, OptionType.WORD, defaultValue, help)
                .accepting(choices::contains, "one of " + choices)
                .closedTo(choices);
    }

    /** One of an enum's constants, written in lower case, which completion offers. */
    public static <E extends Enum<E>> Option<E> choice(String name, Class<E> type, E defaultValue, String help) {
        List<String> names = Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .toList();
        return of(name, OptionType.enumeration(type), defaultValue, help)
                .accepting(value -> true, "one of " + names)
                .closedTo(names);
    }

    /** This option, accepting only values that pass {@code check}; {@code requirement} says which: "at least 1". */
    public Option<T> accepting(Predicate<T> check, String requirement) {
        return new Option<>(name, type, defaultValue, help, this.check.and(check), requirement, choices, closed);
    }

    /** This option, with {@code choices} offered by completion (its values need not be limited to them). */
    public Option<T> offering(List<String> choices) {
        return new Option<>(name, type, defaultValue, help, check, requirement, choices, closed);
    }

    private Option<T> closedTo(List<String> choices) {
        return new Option<>(name, type, defaultValue, help, check, requirement, choices, true);
    }

    public String name() {
        return name;
    }

    public OptionType<T> type() {
        return type;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String help() {
        return help;
    }

    /** What a value must be, for help: its choices, else the requirement, else the type's description. */
    public String accepts() {
        if (closed) {
            return "one of " + String.join(", ", choices);
        }
        return requirement != null ? requirement : type.describe();
    }

    /** The values completion offers; none for a free value. */
    public List<String> choices() {
        return choices;
    }

    /** Whether the option may be left without a value (its default is none). */
    public boolean optional() {
        return defaultValue == null;
    }

    /** Reads and checks {@code raw}; a wrong value is {@link Refused}, saying what it must be. */
    public T read(Object raw) {
        if (raw == null) {
            if (optional()) {
                return null;
            }
            throw new Refused("needs a value: " + accepts());
        }
        T value;
        try {
            value = type.read(raw);
        } catch (IllegalArgumentException | ArithmeticException e) {
            if (closed) { // a choice is refused in the same words whatever type holds it
                throw new Refused(
                        "is " + String.valueOf(raw).strip().toLowerCase(Locale.ROOT) + "; it must be " + requirement);
            }
            throw new Refused("must be " + type.describe() + ", not "
                    + (raw instanceof String ? "'" + raw + "'" : String.valueOf(raw)));
        }
        if (!check.test(value)) {
            throw new Refused("is " + type.format(value) + "; it must be " + requirement);
        }
        return value;
    }

    /** The value as text that {@link #read} reads back; empty for none. */
    public String format(T value) {
        return value == null ? "" : type.format(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
