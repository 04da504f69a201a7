package ai.lepton.magics;

import ai.lepton.Lepton;
import ai.lepton.Run;
import ai.lepton.base.Notices;
import ai.lepton.kernel.magic.MagicException;
import ai.lepton.track.Tag;
import ai.lepton.train.TrainOptions;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
                    + "  In code: var run = Lepton.train(N, RUN_NAME, TrainOptions.parse(yaml)) (Lepton.resume(N, RUN) to go on);\n"
                    + "  Lepton.lastRun() is the run: run.promote(\"NAME\"), run.plot(), run.explain(), run.metrics().\n"
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
        Run run;
        if (options.value("resume").isPresent()) {
            run = Lepton.resume(data, options.value("resume").get());
        } else {
            TrainOptions hyperparameters = TrainOptions.parse(body);
            run = Lepton.train(
                    data, options.value("name").orElse(data + "-" + hyperparameters.model()), hyperparameters);
        }
        Lepton.session().closeWithNextRun(run); // a notebook that trains again and again keeps one model in memory
        Notices.info("run " + run.id() + ": " + run.status() + " after " + run.epochs()
                + " epoch(s); %lepton runs lists it, Lepton.lastRun() is it in code.");
        return run;
    }

    /** How a submitted run ended, and its metrics, as the store has them. */
    private static Object finished(Run run) {
        Notices.info("run " + run.id() + " (Slurm job " + run.record().tag(Tag.SLURM_JOB) + "): " + run.status()
                + "; %lepton runs lists it, Lepton.runs() in code.");
        return run;
    }

    static Object runs(MagicOptions options) {
        if (options.value("sweep").isPresent()) {
            return Lepton.trials(options.value("sweep").get()).table();
        }
        return (options.value("last").isPresent() ? Lepton.runs((int) options.longValue("last", 10)) : Lepton.runs())
                .table();
    }

    static Object compare(MagicOptions options) {
        if (options.positional().size() < 2) {
            throw new MagicException(
                    "%lepton compare needs at least two runs, such as %lepton compare 3f9a penguins-mlp.");
        }
        return Lepton.compare(options.positional().toArray(String[]::new));
    }
}
