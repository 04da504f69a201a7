package ai.lepton.magics;

import ai.lepton.Lepton;
import ai.lepton.kernel.magic.MagicException;
import ai.lepton.track.RunRecord;
import ai.lepton.track.Tag;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code %%lepton train}, {@code %lepton runs}, {@code %lepton compare}: thin layers over {@link Lepton#train} and the run store. */
final class RunCommands {

    static final Subcommand TRAIN = new Subcommand(
            "train",
            true,
            Set.of("data", "name", "resume", "submit", "slurm"),
            Set.of(),
            Map.of("submit", List.of("slurm")),
            "%%lepton train [--data N] [--name RUN_NAME] [--resume RUN] [--submit slurm [--slurm \"SBATCH OPTIONS\"]]\n"
                    + "  Trains on prepared data N as a tracked run, with a live view. The body is YAML hyperparameters,\n"
                    + "  for example: model: mlp / hidden: [128, 64] / lr: 1e-3 / epochs: 20 / batch: 256 / device: auto\n"
                    + "  --resume RUN continues an interrupted run from its last checkpoint (the body is ignored).\n"
                    + "  --submit slurm trains it as a Slurm batch job against the shared PostgreSQL store, followed live;\n"
                    + "  an interrupt detaches (the job goes on): %lepton attach RUN follows it again, Lepton.cancel(RUN)\n"
                    + "  cancels it. In code: Lepton.submit(N, RUN_NAME, options, \"SBATCH OPTIONS\").\n"
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

    static final Subcommand ATTACH = new Subcommand(
            "attach",
            false,
            Set.of(),
            Set.of(),
            Map.of(),
            "%lepton attach RUN\n  Follows a run submitted with %%lepton train --submit slurm live from the store until its"
                    + " job ends.\n  In code: Lepton.attach(RUN); Lepton.cancel(RUN) cancels its job.");

    static Object attach(MagicOptions options) {
        if (options.positional().size() != 1) {
            throw new MagicException("%lepton attach takes one run (its id, id prefix or name): %lepton attach RUN.");
        }
        return finished(Lepton.attach(options.positional().getFirst()));
    }

    static Object train(String body, MagicOptions options) {
        String data = options.value("data").orElseGet(Lepton.session()::latestPrepared);
        if (options.value("submit").isPresent()) {
            if (options.value("resume").isPresent()) {
                throw new MagicException("%%lepton train: --submit slurm trains a new run; a submitted run that was"
                        + " interrupted is resumed here with --resume RUN (without --submit).");
            }
            TrainOptions hyperparameters = TrainOptions.parse(body);
            return finished(Lepton.submit(
                    data,
                    options.value("name").orElse(data + "-" + hyperparameters.model()),
                    hyperparameters,
                    options.value("slurm").orElse("")));
        }
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

    /** How a submitted run ended, and its last metrics, as the store has them. */
    private static Object finished(RunRecord run) {
        Map<String, Double> metrics =
                new TreeMap<>(Lepton.store().latestMetrics(List.of(run.id())).getOrDefault(run.id(), Map.of()));
        System.out.println("run " + run.id() + " (Slurm job " + run.tag(Tag.SLURM_JOB) + "): " + run.status()
                + "; %lepton runs lists it, Lepton.runs() in code.");
        return Table.create(
                "run " + run.id(),
                StringColumn.create("metric", List.copyOf(metrics.keySet())),
                DoubleColumn.create("last", metrics.values().stream().mapToDouble(Double::doubleValue)));
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
