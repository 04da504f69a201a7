package ai.lepton.base;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * One setting Lepton reads from where it runs: the system property ({@code -Dlepton.home=...}, for code that embeds
 * Lepton and for tests) wins over the environment variable ({@code LEPTON_HOME}), which wins over the default. The
 * property's name follows from the variable's ({@code LEPTON_SIGNING_KEY} is {@code lepton.signingKey}). Every setting
 * is declared in {@link Settings}; a value that does not parse is an error naming the setting and what it takes.
 *
 * @param <T> the setting's type
 */
public final class Setting<T> {

    /** Where settings are read from: environment variables and system properties. */
    public record Source(Map<String, String> variables, Map<String, String> properties) {

        /** This process's environment and system properties. */
        public static Source system() {
            return new Source(System.getenv(), properties(System.getProperties()));
        }

        /** The given variables beside this process's system properties, less Lepton's own (for tests of a variable). */
        public static Source of(Map<String, String> variables) {
            Map<String, String> properties = new HashMap<>(properties(System.getProperties()));
            properties.keySet().removeIf(name -> name.startsWith("lepton."));
            return new Source(variables, properties);
        }

        private static Map<String, String> properties(Properties properties) {
            Map<String, String> copy = new HashMap<>();
            properties.stringPropertyNames().forEach(name -> copy.put(name, properties.getProperty(name)));
            return copy;
        }

        String variable(String name) {
            return nonBlank(variables.get(name));
        }

        String property(String name) {
            return nonBlank(properties.get(name));
        }

        private static String nonBlank(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    private final String variable;
    private final String property;
    private final String help;
    private final Function<String, T> parse;
    private final Function<Source, T> otherwise;

    private Setting(String variable, String help, Function<String, T> parse, Function<Source, T> otherwise) {
        this.variable = variable;
        this.property = propertyOf(variable);
        this.help = help;
        this.parse = parse;
        this.otherwise = otherwise;
    }

    /**
     * @param variable  the environment variable, {@code LEPTON_...}
     * @param help      what the setting says, for messages
     * @param parse     reads the text; throws {@link IllegalArgumentException} saying what it takes
     * @param otherwise the value when neither the property nor the variable is set (may read other settings; null: none)
     */
    static <T> Setting<T> of(String variable, String help, Function<String, T> parse, Function<Source, T> otherwise) {
        return new Setting<>(variable, help, parse, otherwise);
    }

    /** {@code LEPTON_SIGNING_KEY} → {@code lepton.signingKey}. */
    static String propertyOf(String variable) {
        String[] words = variable.toLowerCase(Locale.ROOT).split("_");
        StringBuilder property = new StringBuilder(words[0]).append('.').append(words[1]);
        for (int i = 2; i < words.length; i++) {
            property.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return property.toString();
    }

    public String variable() {
        return variable;
    }

    public String property() {
        return property;
    }

    public String help() {
        return help;
    }

    /** The value in this process; null when the setting is unset and has no default. */
    public T get() {
        return read(Source.system());
    }

    /** The value in this process, when set or defaulted. */
    public Optional<T> find() {
        return Optional.ofNullable(get());
    }

    /** The value {@code source} gives. */
    public T read(Source source) {
        String fromProperty = source.property(property);
        String text = fromProperty != null ? fromProperty : source.variable(variable);
        if (text == null) {
            return otherwise.apply(source);
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            String where = fromProperty != null ? "The system property " + property : variable;
            throw new LeptonException(
                    where + " is '" + text + "': " + e.getMessage() + " (" + variable + ": " + help + ").");
        }
    }

    @Override
    public String toString() {
        return variable;
    }
}
