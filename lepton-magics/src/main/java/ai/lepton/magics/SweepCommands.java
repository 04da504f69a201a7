package ai.lepton.magics;

import ai.lepton.Lepton;
import ai.lepton.Sweep;
import ai.lepton.base.Notices;
import ai.lepton.sweep.SweepOptions;

import java.util.Set;

/** {@code %%lepton sweep}: a thin layer over {@link Lepton#sweep}. */
final class SweepCommands {

    static final Subcommand SWEEP = Subcommand.of(
            "sweep",
            true,
            SweepOptions.OPTIONS,
            Set.of("data", "name", "resume"),
            "%%lepton sweep [--data N] [--name S] [--resume S] [--OPTION VALUE ...]\n"
                    + "  Sweeps hyperparameters on prepared data N: a run with one child run per trial, a live view, then the trials\n"
                    + "  table and plots. The body is the search space in YAML, one hyperparameter per line:\n"
                    + "    lr: loguniform(1e-4, 1e-2)      a range on a log scale (also uniform(a, b[, step]), int(a, b[, step]))\n"
                    + "    hidden: [[64], [128, 64]]       a choice (a list); a plain value is fixed for every trial\n"
                    + "  --resume S continues an interrupted sweep: ended trials are kept, interrupted ones go on from their checkpoints.\n"
                    + "  In code: var sweep = Lepton.sweep(N, S, yaml, SweepOptions.builder()...build()) (Lepton.resumeSweep(N, S) to go on);\n"
                    + "  Lepton.lastSweep() is the sweep: sweep.best().promote(\"NAME\"), sweep.trials(), sweep.plot(). Options:");

    private SweepCommands() {}

    static Object sweep(String body, MagicOptions options) {
        String data = options.value("data").orElseGet(Lepton.session()::latestPrepared);
        Sweep sweep;
        if (options.value("resume").isPresent()) {
            sweep = Lepton.resumeSweep(data, options.value("resume").get());
        } else {
            SweepOptions.Builder chosen = SweepOptions.builder();
            options.applyTo(SweepOptions.OPTIONS, chosen::set);
            sweep = Lepton.sweep(data, options.value("name").orElse(data + "-sweep"), body, chosen.build());
        }
        Notices.info(sweep + ". Lepton.lastSweep() has it in code: Lepton.lastSweep().best().promote(\"NAME\").");
        return sweep;
    }
}
