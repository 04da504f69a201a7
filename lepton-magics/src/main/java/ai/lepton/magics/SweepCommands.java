package ai.lepton.magics;

import ai.lepton.Lepton;
import ai.lepton.plot.SweepHtml;
import ai.lepton.sweep.Mode;
import ai.lepton.sweep.Search;
import ai.lepton.sweep.SweepOptions;
import ai.lepton.sweep.SweepResult;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code %%lepton sweep}: a thin layer over {@link Lepton#sweep}. */
final class SweepCommands {

    static final Subcommand SWEEP = new Subcommand(
            "sweep",
            true,
            Set.of(
                    "data",
                    "name",
                    "trials",
                    "search",
                    "scheduler",
                    "parallel",
                    "metric",
                    "mode",
                    "eta",
                    "grace",
                    "seed",
                    "resume"),
            Set.of(),
            Map.of(
                    "search",
                    Subcommand.choicesOf(Search.class),
                    "scheduler",
                    List.of("asha", "median", "none"),
                    "mode",
                    Subcommand.choicesOf(Mode.class),
                    "metric",
                    List.of("val_loss", "val_accuracy", "val_f1", "val_auc", "val_rmse")),
            "%%lepton sweep [--data N] [--name S] [--trials K] [--search random|grid] [--scheduler asha|median|none]\n"
                    + "               [--parallel P] [--metric M] [--mode max|min] [--eta E] [--grace G] [--seed S] [--resume S]\n"
                    + "  Sweeps hyperparameters on prepared data N: a run with one child run per trial, a live view, then the trials\n"
                    + "  table and plots. The body is the search space in YAML, one hyperparameter per line:\n"
                    + "    lr: loguniform(1e-4, 1e-2)      a range on a log scale (also uniform(a, b[, step]), int(a, b[, step]))\n"
                    + "    hidden: [[64], [128, 64]]       a choice (a list); a plain value is fixed for every trial\n"
                    + "  Defaults: 20 random trials, ASHA (eta 3, grace 1), one trial at a time, the metric from 'monitor' (else val_loss).\n"
                    + "  --resume S continues an interrupted sweep: ended trials are kept, interrupted ones go on from their checkpoints.\n"
                    + "  In code: Lepton.lastSweep() is the result; Plots.sweep(S) draws it again later.");

    private SweepCommands() {}

    static Object sweep(String body, MagicOptions options) {
        String data = options.value("data").orElseGet(RunCommands::latestPrepared);
        SweepResult result;
        if (options.value("resume").isPresent()) {
            result = Lepton.resumeSweep(options.value("resume").get(), data);
        } else {
            SweepOptions defaults = SweepOptions.defaults();
            SweepOptions chosen = defaults.withSearch(
                            options.choice("search", Search.class).orElse(defaults.search()))
                    .withTrials((int) options.longValue("trials", defaults.trials()))
                    .withScheduler(options.value("scheduler").orElse(defaults.scheduler()))
                    .withHalving((int) options.longValue("eta", defaults.eta()), (int)
                            options.longValue("grace", defaults.grace()))
                    .withParallel((int) options.longValue("parallel", defaults.parallel()), defaults.trialsPerGpu())
                    .withMetric(
                            options.value("metric").orElse(null),
                            options.choice("mode", Mode.class).orElse(null))
                    .withSeed(options.longValue("seed", defaults.seed()));
            result = Lepton.sweep(data, options.value("name").orElse(data + "-sweep"), body, chosen);
        }
        DisplayData display = new DisplayData(result.toString());
        display.putHTML(SweepHtml.result(result));
        System.out.println(result + ". Lepton.lastSweep() has it in code; promote the best trial's run.");
        return display;
    }
}
