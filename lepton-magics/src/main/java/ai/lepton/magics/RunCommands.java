package ai.lepton.magics;

import ai.lepton.Lepton;
import ai.lepton.kernel.magic.MagicException;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Map;
import java.util.Set;

/** {@code %%lepton train}, {@code %lepton runs}, {@code %lepton compare}: thin layers over {@link Lepton#train} and the run store. */
final class RunCommands {

    static final Subcommand TRAIN = new Subcommand(
            "train",
            true,
            Set.of("data", "name", "resume"),
            Set.of(),
            Map.of(),
            "%%lepton train [--data N] [--name RUN_NAME] [--resume RUN]\n"
                    + "  Trains on prepared data N as a tracked run, with a live view. The body is YAML hyperparameters,\n"
                    + "  for example: model: mlp / hidden: [128, 64] / lr: 1e-3 / epochs: 20 / batch: 256 / device: auto\n"
                    + "  --resume RUN continues an interrupted run from its last checkpoint (the body is ignored).\n"
                    + "  In code: Lepton.train(N, RUN_NAME, TrainOptions.parse(yaml)); Lepton.lastRun() is the result.\n"
                    + "  Hyperparameters:\n"
                    + TrainOptions.HYPERPARAMETERS.help().stripTrailing());
    static final Subcommand RUNS = new Subcommand(
            "runs",
            false,
            Set.of("last", "sweep"),
            Set.of(),
            Map.of(),
            "%lepton runs [--last N] [--sweep S]\n  The runs in the store, newest first, with their differing parameters and final metrics;"
                    + "\n  --sweep S: only the trials of sweep S.");
    static final Subcommand COMPARE = new Subcommand(
            "compare",
            false,
            Set.of(),
            Set.of(),
            Map.of(),
            "%lepton compare RUN RUN...\n  The named runs side by side (ids, id prefixes or names).");

    private RunCommands() {}

    static Object train(String body, MagicOptions options) {
        String data = options.value("data").orElseGet(Lepton.session()::latestPrepared);
        TrainingResult result;
        if (options.value("resume").isPresent()) {
            result = Lepton.resume(options.value("resume").get(), data);
        } else {
            TrainOptions hyperparameters = TrainOptions.parse(body);
            result = Lepton.train(
                    data, options.value("name").orElse(data + "-" + hyperparameters.model()), hyperparameters);
        }
        Lepton.session().closeWithNextRun(result); // a notebook that trains again and again keeps one model in memory
        Table summary = Table.create(
                "run " + result.runId(),
                StringColumn.create(
                        "metric", result.metrics().keySet().stream().sorted().toList()),
                DoubleColumn.create(
                        "best epoch (" + result.bestEpoch() + ")",
                        result.metrics().keySet().stream().sorted().mapToDouble(result.metrics()::get)));
        System.out.println("run " + result.runId() + ": " + result.status() + " after " + result.epochs()
                + " epoch(s); %lepton runs" + " lists it, Lepton.runs() in code.");
        return summary;
    }

    static Object runs(MagicOptions options) {
        if (options.value("sweep").isPresent()) {
            return Lepton.trials(options.value("sweep").get());
        }
        return options.value("last").isPresent() ? Lepton.runs((int) options.longValue("last", 10)) : Lepton.runs();
    }

    static Object compare(MagicOptions options) {
        if (options.positional().size() < 2) {
            throw new MagicException(
                    "%lepton compare needs at least two runs, such as %lepton compare 3f9a penguins-mlp.");
        }
        return Lepton.compare(options.positional().toArray(String[]::new));
    }
}
