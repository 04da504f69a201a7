package ai.lepton.magics;

import ai.lepton.Lepton;
import ai.lepton.Plots;
import ai.lepton.kernel.magic.MagicException;
import ai.lepton.plot.Figure;
import ai.lepton.track.Metric;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** {@code %lepton plot}, {@code %lepton explain} and {@code %lepton device}: thin layers over {@link Plots} and {@link Lepton}. */
final class PlotCommands {

    /** The plot kinds that take one name after them, and what each draws. */
    static final Map<String, Function<String, Figure>> KINDS = Map.of(
            "sweep", Plots::sweep,
            "confusion", Plots::confusion,
            "roc", Plots::roc,
            "pr", Plots::precisionRecall,
            "importance", Plots::importance,
            "profile", Plots::profile);

    static final Subcommand PLOT = new Subcommand(
            "plot",
            false,
            Set.of("metrics", "format"),
            Set.of(),
            Map.of(
                    "format",
                    List.of("png", "svg"),
                    "metrics",
                    Metric.declared().stream()
                            .filter(metric -> metric.every() != Metric.Every.RUN)
                            .map(Metric::name)
                            .toList()),
            "%lepton plot RUN... [--metrics loss,val_accuracy]   learning curves of one or more runs (training dashed, validation solid)\n"
                    + "%lepton plot sweep S                           a sweep's trials: curves (pruned grey, best red), parallel coordinates,\n"
                    + "                                               the metric against each hyperparameter\n"
                    + "%lepton plot confusion RUN | roc RUN | pr RUN   a classification run's model on its held-out rows\n"
                    + "%lepton plot importance RUN                    permutation feature importance (as %lepton explain)\n"
                    + "%lepton plot profile N                         histograms and frequent values of dataset N's columns\n"
                    + "  --format svg gives SVG instead of PNG. Everything is drawn from the run store, so plots survive a kernel restart.\n"
                    + "  In code: Plots.runs(\"a\", \"b\"), Plots.sweep(\"s\"), Plots.confusion(\"r\"), ... return a Figure (figure.svg() for SVG).");
    static final Subcommand EXPLAIN = new Subcommand(
            "explain",
            false,
            Set.of(),
            Set.of(),
            Map.of(),
            "%lepton explain RUN\n  Permutation feature importance of run RUN's model on its held-out rows: how much the test metric\n"
                    + "  worsens when each input column is shuffled. In code: Lepton.explain(\"RUN\").");
    static final Subcommand DEVICE = new Subcommand(
            "device",
            false,
            Set.of(),
            Set.of(),
            Map.of(),
            "%lepton device\n  The engine, where its natives come from, each GPU PyTorch sees, and what device: auto trains on.\n"
                    + "  In code: Lepton.device().");

    private PlotCommands() {}

    static Object plot(MagicOptions options) {
        List<String> words = options.positional();
        if (words.isEmpty()) {
            throw new MagicException("%lepton plot needs what to plot: one or more runs, or one of "
                    + String.join(", ", KINDS.keySet().stream().sorted().toList())
                    + " and a name. %lepton plot --help shows how.");
        }
        Function<String, Figure> kind = KINDS.get(words.getFirst());
        Figure figure;
        if (kind != null) {
            if (words.size() != 2) {
                throw new MagicException("%lepton plot " + words.getFirst() + " takes one name, such as %lepton plot "
                        + words.getFirst()
                        + (words.getFirst().equals("profile")
                                ? " penguins"
                                : words.getFirst().equals("sweep") ? " penguins-sweep" : " penguins-mlp")
                        + ".");
            }
            figure = kind.apply(words.get(1));
        } else {
            figure = Plots.runs(words, options.list("metrics"));
        }
        return options.choiceOf("format", PLOT.choices().get("format"))
                        .orElse("png")
                        .equals("svg")
                ? svg(figure)
                : figure;
    }

    private static DisplayData svg(Figure figure) {
        DisplayData display = new DisplayData(figure.toString());
        display.putSVG(figure.svg());
        return display;
    }

    static Object explain(MagicOptions options) {
        return Lepton.explain(options.required(0, "RUN (the run to explain: id, id prefix or name)"));
    }

    static Object device(MagicOptions options) {
        options.noPositional();
        return Lepton.device();
    }
}
