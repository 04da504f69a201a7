package ai.lepton.magics;

import ai.lepton.base.Suggestions;
import ai.lepton.kernel.magic.MagicException;
import ai.lepton.options.Option;
import ai.lepton.options.OptionTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The arguments of one {@code %lepton} subcommand, IPython style: positional words, {@code --name value}
 * options and {@code --flag}s. An unknown option is refused naming the nearest known one.
 */
final class MagicOptions {

    private final String command;
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private MagicOptions(String command) {
        this.command = command;
    }

    /**
     * @param command     how errors name the subcommand, e.g. {@code "%lepton data load"}
     * @param valued      options that take a value
     * @param flagOptions options that take none
     */
    static MagicOptions parse(String command, List<String> words, Set<String> valued, Set<String> flagOptions) {
        MagicOptions options = new MagicOptions(command);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("--")) {
                options.positional.add(word);
                continue;
            }
            String name = word.substring(2);
            int equals = name.indexOf('=');
            if (equals > 0 && valued.contains(name.substring(0, equals))) { // --slurm=--export=NONE
                options.values.put(name.substring(0, equals), name.substring(equals + 1));
                continue;
            }
            if (flagOptions.contains(name)) {
                options.flags.add(name);
            } else if (valued.contains(name)) {
                // a value may start with -- (--slurm "--gres=gpu:1"), unless it is another of this magic's options
                if (i + 1 >= words.size() || isOption(words.get(i + 1), valued, flagOptions)) {
                    throw new MagicException(command + ": --" + name + " needs a value.");
                }
                options.values.put(name, words.get(++i));
            } else {
                Set<String> known = new HashSet<>(valued);
                known.addAll(flagOptions);
                throw new MagicException(command + ": unknown option --" + name + "."
                        + Suggestions.didYouMean("--", name, known) + " " + command + " --help lists the options.");
            }
        }
        return options;
    }

    private static boolean isOption(String word, Set<String> valued, Set<String> flagOptions) {
        if (!word.startsWith("--")) {
            return false;
        }
        String name = word.substring(2).split("=", 2)[0];
        return valued.contains(name) || flagOptions.contains(name);
    }

    /**
     * Sets each option of {@code table} given on the line through {@code set} (name, typed text), checking its value
     * first so that a wrong one names the magic's {@code --option}.
     */
    void applyTo(OptionTable table, BiConsumer<String, String> set) {
        values.forEach((name, text) -> {
            if (table.has(name)) {
                try {
                    table.option(name).read(text);
                } catch (Option.Refused refused) {
                    throw new MagicException(command + ": --" + name + " " + refused.getMessage() + ".");
                }
                set.accept(name, text);
            }
        });
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The positional arguments, in order. */
    List<String> positional() {
        return List.copyOf(positional);
    }

    /** The positional argument at {@code index}, or an error naming what is missing. */
    String required(int index, String what) {
        if (index >= positional.size()) {
            throw new MagicException(command + " needs " + what + ". " + command + " --help shows how to call it.");
        }
        return positional.get(index);
    }

    String requiredOption(String name, String example) {
        return value(name)
                .orElseThrow(() -> new MagicException(
                        command + " needs --" + name + ", for example --" + name + " " + example + "."));
    }

    /** An option's value as one of {@code choices}, case-insensitively. */
    <E extends Enum<E>> Optional<E> choice(String name, Class<E> choices) {
        return choiceOf(name, Subcommand.choicesOf(choices))
                .map(text -> Enum.valueOf(choices, text.toUpperCase(Locale.ROOT)));
    }

    /** An option's value, lower-cased, which must be one of {@code choices}. */
    Optional<String> choiceOf(String name, List<String> choices) {
        return value(name).map(text -> {
            String typed = text.toLowerCase(Locale.ROOT);
            if (!choices.contains(typed)) {
                throw new MagicException(command + ": --" + name + " " + text + " is not one of "
                        + String.join(", ", choices) + "." + Suggestions.didYouMean("--" + name + " ", typed, choices));
            }
            return typed;
        });
    }

    /** Refuses positional arguments, for subcommands that take none. */
    void noPositional() {
        if (!positional.isEmpty()) {
            throw new MagicException(command + " takes no arguments; '" + positional.getFirst() + "' is one too many. "
                    + command + " --help shows how to call it.");
        }
    }

    long longValue(String name, long otherwise) {
        return value(name)
                .map(text -> {
                    try {
                        return Long.parseLong(text);
                    } catch (NumberFormatException e) {
                        throw new MagicException(
                                command + ": --" + name + " takes a whole number, not '" + text + "'.");
                    }
                })
                .orElse(otherwise);
    }

    List<Double> doubles(String name) {
        return value(name)
                .map(text -> Arrays.stream(text.split(","))
                        .map(part -> {
                            try {
                                return Double.parseDouble(part.strip());
                            } catch (NumberFormatException e) {
                                throw new MagicException(command + ": --" + name
                                        + " takes numbers separated by commas, such as 0.7,0.15,0.15;" + " '" + part
                                        + "' is not a number.");
                            }
                        })
                        .toList())
                .orElse(List.of());
    }

    List<String> list(String name) {
        return value(name)
                .map(text -> Arrays.stream(text.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
    }
}
