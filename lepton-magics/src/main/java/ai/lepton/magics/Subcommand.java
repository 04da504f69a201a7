package ai.lepton.magics;

import ai.lepton.options.OptionTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One {@code %lepton} subcommand's interface: whether it is a line or a cell magic, the options it takes, the values
 * some options choose from, and its help. Parsing, {@code --help} and completion all read it, so they agree.
 *
 * @param name    the words after {@code %lepton}, such as {@code "data load"}
 * @param cell    whether it is a cell magic ({@code %%lepton})
 * @param valued  options that take a value
 * @param flags   options that take none
 * @param choices for some valued options, the values they accept
 * @param help    the usage text {@code --help} shows
 */
record Subcommand(
        String name,
        boolean cell,
        Set<String> valued,
        Set<String> flags,
        Map<String, List<String>> choices,
        String help) {

    /** How messages name it: {@code %lepton data load}, {@code %%lepton train}. */
    String command() {
        return (cell ? "%%lepton " : "%lepton ") + name;
    }

    MagicOptions parse(List<String> words) {
        return MagicOptions.parse(command(), words, valued, flags);
    }

    /** Its help when the words ask for it, else what {@code action} makes of the parsed words. */
    Object call(List<String> words, Function<MagicOptions, Object> action) {
        return words.contains("--help") ? help : action.apply(parse(words));
    }

    /** Every option as typed, {@code --help} included, sorted. */
    List<String> options() {
        TreeSet<String> options = new TreeSet<>();
        valued.forEach(option -> options.add("--" + option));
        flags.forEach(option -> options.add("--" + option));
        options.add("--help");
        return new ArrayList<>(options);
    }

    /**
     * A subcommand whose options are an {@link OptionTable}'s (each {@code --name value}, with the values it offers) and
     * {@code extra} valued options of the magic's own (such as {@code --data}); its help is {@code usage} then the table's.
     */
    static Subcommand of(String name, boolean cell, OptionTable table, Set<String> extra, String usage) {
        Set<String> valued = new TreeSet<>(extra);
        valued.addAll(table.names());
        Map<String, List<String>> choices = new TreeMap<>();
        table.options().stream()
                .filter(option -> !option.choices().isEmpty())
                .forEach(option -> choices.put(option.name(), option.choices()));
        return new Subcommand(
                name,
                cell,
                valued,
                Set.of(),
                choices,
                usage + "\n" + table.help().stripTrailing());
    }

    /** An enum's constants as users type them. */
    static <E extends Enum<E>> List<String> choicesOf(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .toList();
    }
}
