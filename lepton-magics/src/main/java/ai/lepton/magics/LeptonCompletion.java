package ai.lepton.magics;

import ai.lepton.kernel.magic.MagicCompleter;
import ai.lepton.options.OptionTable;
import ai.lepton.train.TrainOptions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Tab completion of {@code %lepton} and {@code %%lepton} lines, read from the same {@link Subcommand}s that parse
 * them: subcommands, the second word of {@code data}, plot kinds, options, and the values an option chooses from; and
 * in the body of {@code %%lepton train} and {@code %%lepton sweep}, the hyperparameters' names and the values they
 * choose from, read from {@link TrainOptions#HYPERPARAMETERS}. Runs in the kernel, so it offers nothing that needs the
 * session (dataset or run names).
 */
final class LeptonCompletion implements MagicCompleter {

    /** What a sweep's space may give a hyperparameter besides its choices: a range. */
    private static final List<String> RANGES = List.of("uniform(", "loguniform(", "int(");

    @Override
    public List<String> complete(boolean cell, List<String> before, String partial) {
        if (before.isEmpty()) {
            TreeSet<String> names =
                    new TreeSet<>(cell ? LeptonCommands.CELL.keySet() : LeptonCommands.SUBCOMMANDS.keySet());
            if (!cell) {
                names.removeAll(LeptonCommands.CELL.keySet());
            }
            return matching(names, partial);
        }
        if (!cell && before.getFirst().equals("data") && before.size() == 1) {
            return matching(new TreeSet<>(DataCommands.SUBCOMMANDS.keySet()), partial);
        }
        Subcommand subcommand = cell
                ? LeptonCommands.CELL.get(before.getFirst())
                : before.getFirst().equals("data")
                        ? DataCommands.SUBCOMMANDS.get(before.get(1))
                        : LeptonCommands.LINE.get(before.getFirst());
        if (subcommand == null) {
            return List.of();
        }
        String previous = before.getLast();
        if (previous.startsWith("--") && subcommand.valued().contains(previous.substring(2))) {
            return matching(
                    subcommand.choices().getOrDefault(previous.substring(2), List.of()), partial); // the option's value
        }
        List<String> offered = new ArrayList<>();
        if (subcommand == PlotCommands.PLOT && before.size() == 1 && !partial.startsWith("-")) {
            offered.addAll(new TreeSet<>(PlotCommands.KINDS.keySet()));
        }
        if (partial.startsWith("-") || offered.isEmpty()) {
            offered.addAll(subcommand.options());
        }
        return matching(offered, partial);
    }

    @Override
    public List<String> completeBody(List<String> header, String line, String partial) {
        boolean sweep = !header.isEmpty() && header.getFirst().equals("sweep");
        if (header.isEmpty() || !(sweep || header.getFirst().equals("train"))) {
            return List.of();
        }
        OptionTable hyperparameters = TrainOptions.HYPERPARAMETERS; // a sweep's space names hyperparameters too
        int colon = line.indexOf(':');
        if (colon < 0) {
            return matching(hyperparameters.names(), partial.strip()).stream()
                    .map(name -> name + ": ")
                    .toList();
        }
        String key = line.substring(0, colon).strip();
        if (!hyperparameters.has(key)) {
            return List.of();
        }
        List<String> values = new ArrayList<>(hyperparameters.option(key).choices());
        if (sweep) {
            values.addAll(RANGES);
        }
        return matching(values, partial);
    }

    private static List<String> matching(Collection<String> words, String partial) {
        return words.stream().filter(word -> word.startsWith(partial)).toList();
    }
}
