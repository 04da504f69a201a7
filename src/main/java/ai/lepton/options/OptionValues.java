package ai.lepton.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A value for every option of one {@link OptionTable}, each read and checked by its option. Immutable: {@link #with}
 * gives a copy with one value changed.
 */
public final class OptionValues {

    private final OptionTable table;
    private final Map<String, Object> values;

    OptionValues(OptionTable table, Map<String, Object> values) {
        this.table = table;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public OptionTable table() {
        return table;
    }

    /** The value of {@code option}, which must be one of this table's. */
    @SuppressWarnings("unchecked") // every value was read by its own option
    public <T> T get(Option<T> option) {
        if (table.option(option.name()) != option) {
            throw new IllegalArgumentException(option + " is not an option of " + table);
        }
        return (T) values.get(option.name());
    }

    /** A copy with the option named {@code name} set to {@code raw} (as YAML, JSON or typed text gives it). */
    public OptionValues with(String name, Object raw) {
        return with(table.option(name), raw);
    }

    /** A copy with {@code option} set to {@code value}, checked. */
    public <T> OptionValues with(Option<T> option, Object value) {
        Option<?> own = table.option(option.name());
        Object read;
        try {
            read = own.read(value);
        } catch (Option.Refused refused) {
            throw table.error(table.capitalizedNoun() + " '" + option.name() + "' " + refused.getMessage() + ".");
        }
        Map<String, Object> changed = new LinkedHashMap<>(values);
        changed.put(option.name(), read);
        return new OptionValues(table, changed);
    }

    /** Every option's value by name, in the table's order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Every option's value as text that reads back the same value (as the run store records parameters). */
    public Map<String, String> asText() {
        Map<String, String> text = new LinkedHashMap<>();
        for (Option<?> option : table.options()) {
            text.put(option.name(), formatted(option));
        }
        return text;
    }

    private <T> String formatted(Option<T> option) {
        return option.format(get(option));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OptionValues that && table == that.table && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
