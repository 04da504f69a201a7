package ai.lepton.options;

import ai.lepton.base.Suggestions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A set of options declared once, which everything that handles them reads: parsing (YAML cell bodies, a magic's
 * {@code --name value}, parameters recorded in the run store), checking, {@code --help}, completion and the typed
 * builders. Mistakes are the owning package's exception, naming the option, the value and what it must be.
 */
public final class OptionTable {

    private final String noun;
    private final Function<String, ? extends RuntimeException> error;
    private final Map<String, Option<?>> options = new LinkedHashMap<>();

    private OptionTable(String noun, Function<String, ? extends RuntimeException> error, List<Option<?>> options) {
        this.noun = noun;
        this.error = error;
        for (Option<?> option : options) {
            if (this.options.put(option.name(), option) != null) {
                throw new IllegalArgumentException("two options named " + option.name());
            }
        }
    }

    /**
     * @param noun    what an option is called in messages: "hyperparameter", "sweep option"
     * @param error   makes the exception a mistake is reported with
     * @param options the options, in the order help lists them
     */
    public static OptionTable of(
            String noun, Function<String, ? extends RuntimeException> error, List<Option<?>> options) {
        return new OptionTable(noun, error, options);
    }

    public List<Option<?>> options() {
        return List.copyOf(options.values());
    }

    /** Every option's name, in order. */
    public Set<String> names() {
        return options.keySet();
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    /** The option named {@code name}; an unknown name is an error naming the nearest known ones. */
    public Option<?> option(String name) {
        Option<?> option = options.get(name);
        if (option == null) {
            throw error("Unknown " + noun + " '" + name + "'." + Suggestions.didYouMean("", name, names()) + " Known: "
                    + String.join(", ", names()) + ".");
        }
        return option;
    }

    /** Every option at its default. */
    public OptionValues defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        options.values().forEach(option -> values.put(option.name(), option.defaultValue()));
        return new OptionValues(this, values);
    }

    /** {@code base} with the {@code key: value} lines of {@code yaml} applied; each mistake names its line. */
    public OptionValues read(OptionValues base, String yaml) {
        List<YamlLines.Entry> entries;
        try {
            entries = YamlLines.read(yaml);
        } catch (YamlLines.ShapeException e) {
            throw error(
                    switch (e.kind()) {
                        case SYNTAX ->
                            "The " + noun + "s are not valid YAML at line " + e.line() + ": " + e.getMessage()
                                    + ". Write one 'name: value' per line, such as '" + example() + "'.";
                        case NOT_A_MAPPING ->
                            "The " + noun + "s must be 'name: value' lines, such as '" + example() + "'.";
                        case KEY_NOT_TEXT -> "Line " + e.line() + ": a " + noun + " name must be plain text.";
                    });
        }
        OptionValues values = base;
        for (YamlLines.Entry entry : entries) {
            try {
                values = values.with(entry.key(), entry.value());
            } catch (RuntimeException e) {
                throw error("Line " + entry.line() + ", '" + entry.key() + "': " + e.getMessage());
            }
        }
        return values;
    }

    /** The options a record names (as {@link OptionValues#asText()} wrote them) over the defaults; other keys are ignored. */
    public OptionValues fromText(Map<String, String> recorded) {
        OptionValues values = defaults();
        for (Map.Entry<String, String> entry : recorded.entrySet()) {
            if (has(entry.getKey())) {
                Option<?> option = option(entry.getKey());
                values = values.with(option, entry.getValue().isEmpty() && option.optional() ? null : entry.getValue());
            }
        }
        return values;
    }

    /** One line per option: its name, default, what it does and what it takes. */
    public String help() {
        StringBuilder help = new StringBuilder();
        int width = names().stream().mapToInt(String::length).max().orElse(0);
        for (Option<?> option : options.values()) {
            help.append(String.format(
                    Locale.ROOT,
                    "  %-" + width + "s  %s (%s; default %s)%n",
                    option.name(),
                    option.help(),
                    option.accepts(),
                    defaultText(option)));
        }
        return help.toString();
    }

    private static <T> String defaultText(Option<T> option) {
        return option.defaultValue() == null ? "none" : option.format(option.defaultValue());
    }

    private String example() {
        Option<?> first = options.values().iterator().next();
        return first.name() + ": " + defaultText(first);
    }

    /** A mistake in these options, as the owning package reports it. */
    public RuntimeException error(String message) {
        return error.apply(message);
    }

    String capitalizedNoun() {
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }

    @Override
    public String toString() {
        return noun + "s " + names();
    }
}
