package ai.lepton.magics;

import ai.lepton.base.MarkdownCell;
import ai.lepton.base.Suggestions;
import ai.lepton.kernel.magic.MagicException;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs {@code %lepton} subcommands inside the session JVM. Each subcommand parses its options,
 * calls the library, and returns what the notebook shows.
 */
public final class LeptonCommands {

    /** Subcommand name to its one-line summary; the order of the help table. */
    static final Map<String, String> SUBCOMMANDS = new TreeMap<>(Map.ofEntries(
            Map.entry("help", "this overview; %lepton SUBCOMMAND --help for one subcommand"),
            Map.entry(
                    "data",
                    "load, save, profile and prepare datasets: %lepton data load|save|profile|prepare; %%sql queries them"),
            Map.entry(
                    "train",
                    "%%lepton train: train on prepared data as a tracked run (YAML hyperparameters in the body)"),
            Map.entry("runs", "the tracked runs, newest first, with parameters and final metrics"),
            Map.entry(
                    "sweep",
                    "%%lepton sweep: sweep hyperparameters (YAML search space in the body) with early stopping of poor trials"),
            Map.entry("compare", "runs side by side: %lepton compare RUN RUN..."),
            Map.entry("attach", "follow a run submitted to Slurm live until its job ends: %lepton attach RUN"),
            Map.entry(
                    "plot",
                    "learning curves of runs, a sweep, confusion / ROC / PR, importance, a dataset's histograms: %lepton plot --help"),
            Map.entry(
                    "explain",
                    "permutation feature importance of a run's model on its held-out rows: %lepton explain RUN"),
            Map.entry(
                    "promote",
                    "package a finished run, verify it in a fresh runtime and register it: %lepton promote RUN --name N"),
            Map.entry("models", "the registered models, versions and aliases: %lepton models [N]"),
            Map.entry("device", "the engine, its natives, the GPUs PyTorch sees and what device: auto picks"),
            Map.entry(
                    "pretrained",
                    "the pretrained models found offline (Hugging Face cache, shipped): %lepton pretrained")));

    /** Every line subcommand but {@code data} (which has its own second word), and what it does with its parsed words. */
    private static final Map<Subcommand, Function<MagicOptions, Object>> LINE_ACTIONS = Map.of(
            RunCommands.RUNS, RunCommands::runs,
            RunCommands.COMPARE, RunCommands::compare,
            RunCommands.ATTACH, RunCommands::attach,
            PlotCommands.PLOT, PlotCommands::plot,
            PlotCommands.EXPLAIN, PlotCommands::explain,
            PlotCommands.DEVICE, PlotCommands::device,
            ModelCommands.PRETRAINED, ModelCommands::pretrained,
            ModelCommands.PROMOTE, ModelCommands::promote,
            ModelCommands.MODELS, ModelCommands::models);
    /** Those line subcommands by name. */
    static final Map<String, Subcommand> LINE =
            LINE_ACTIONS.keySet().stream().collect(Collectors.toUnmodifiableMap(Subcommand::name, Function.identity()));
    /** The cell subcommands, by name. */
    static final Map<String, Subcommand> CELL =
            Map.of(RunCommands.TRAIN.name(), RunCommands.TRAIN, SweepCommands.SWEEP.name(), SweepCommands.SWEEP);

    private LeptonCommands() {}

    /** {@code %lepton SUBCOMMAND [options]}. */
    public static Object line(String... args) {
        List<String> words = List.of(args);
        if (words.isEmpty()
                || words.getFirst().equals("help")
                || words.getFirst().equals("--help")) {
            return Help.overview(SUBCOMMANDS);
        }
        List<String> rest = words.subList(1, words.size());
        Subcommand subcommand = LINE.get(words.getFirst());
        if (subcommand != null) {
            return subcommand.call(rest, LINE_ACTIONS.get(subcommand));
        }
        return switch (words.getFirst()) {
            case "data" -> DataCommands.run(rest);
            case "train", "sweep" ->
                throw new MagicException(words.getFirst() + " is a cell magic: put %%lepton " + words.getFirst()
                        + " on the first line and the "
                        + (words.getFirst().equals("train") ? "hyperparameters" : "search space")
                        + " (YAML) below it.");
            default -> throw unknown(words.getFirst());
        };
    }

    /** {@code %%lepton SUBCOMMAND [options]} with the cell body. */
    public static Object cell(String body, String... args) {
        if (args.length == 0) {
            throw new MagicException("%%lepton needs a subcommand on its first line, for example %%lepton train. "
                    + "%lepton help lists them.");
        }
        List<String> rest = List.of(args).subList(1, args.length);
        if (args[0].equals("train")) {
            return RunCommands.TRAIN.call(rest, options -> RunCommands.train(body, options));
        }
        if (args[0].equals("sweep")) {
            return SweepCommands.SWEEP.call(rest, options -> SweepCommands.sweep(body, options));
        }
        throw unknown(args[0]);
    }

    private static MagicException unknown(String subcommand) {
        return new MagicException("%lepton has no subcommand '" + subcommand + "'."
                + Suggestions.didYouMean("%lepton ", subcommand, SUBCOMMANDS.keySet()) + " %lepton help lists them.");
    }

    /** The help display: markdown for the notebook, plain text for consoles. */
    static final class Help {

        private Help() {}

        static DisplayData overview(Map<String, String> subcommands) {
            StringBuilder markdown = new StringBuilder(
                    "**Lepton magics** — a thin layer over `ai.lepton.Lepton`.\n\n| subcommand | does |\n|---|---|\n");
            StringBuilder text = new StringBuilder("Lepton magics:\n");
            subcommands.forEach((name, summary) -> {
                markdown.append("| `%lepton ")
                        .append(name)
                        .append("` | ")
                        .append(MarkdownCell.of(summary))
                        .append(" |\n");
                text.append("  %lepton ")
                        .append(name)
                        .append("  ")
                        .append(summary)
                        .append('\n');
            });
            DisplayData data = new DisplayData(text.toString());
            data.putMarkdown(markdown.toString());
            return data;
        }
    }
}
