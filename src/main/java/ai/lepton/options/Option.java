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

    private Option(
            String name,
            OptionType<T> type,
            T defaultValue,
            String help,
            Predicate<T> check,
            String requirement,
            List<String> choices) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.help = help;
        this.check = check;
        this.requirement = requirement;
        this.choices = List.copyOf(choices);
    }

    /** An option that takes any value of {@code type}; a null default makes it optional (null: not given). */
    public static <T> Option<T> of(String name, OptionType<T> type, T defaultValue, String help) {
        return new Option<>(name, type, defaultValue, help, value -> true, null, List.of());
    }

    /** A word chosen from {@code choices}, which completion offers. */
    public static Option<String> choice(String name, List<String> choices, String defaultValue, String help) {
        return of(name, OptionType.WORD, defaultValue, help)
                .accepting(choices::contains, "one of " + choices)
                .offering(choices);
    }

    /** One of an enum's constants, written in lower case, which completion offers. */
    public static <E extends Enum<E>> Option<E> choice(String name, Class<E> type, E defaultValue, String help) {
        List<String> names = Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .toList();
        return of(name, OptionType.enumeration(type), defaultValue, help).offering(names);
    }

    /** This option, accepting only values that pass {@code check}; {@code requirement} says which: "at least 1". */
    public Option<T> accepting(Predicate<T> check, String requirement) {
        return new Option<>(name, type, defaultValue, help, this.check.and(check), requirement, choices);
    }

    /** This option, with {@code choices} offered by completion (its values need not be limited to them). */
    public Option<T> offering(List<String> choices) {
        return new Option<>(name, type, defaultValue, help, check, requirement, choices);
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

    /** What a value must be, for help: the requirement, else the type's description. */
    public String accepts() {
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
