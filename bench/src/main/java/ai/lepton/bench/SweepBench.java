package ai.lepton.bench;

import ai.lepton.base.Settings;
import ai.lepton.data.Task;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.data.prepare.Preparer;
import ai.lepton.sweep.ConsoleSweepView;
import ai.lepton.sweep.SearchSpace;
import ai.lepton.sweep.SweepOptions;
import ai.lepton.sweep.SweepResult;
import ai.lepton.sweep.Sweeping;
import ai.lepton.track.RunStore;
import ai.lepton.train.TrainingData;
import com.google.gson.Gson;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Issue 5's sweep benchmark on the 8×8 digits as a tabular task (64 pixel columns → an MLP): the same
 * seeded random configurations (drawn by Smile) trained to their full budget, then under ASHA; then the
 * full-budget sweep with two trials side by side. Given a PostgreSQL store (a fourth argument), it runs the ASHA sweep
 * with two trials at once here and then as a Slurm job array instead (SLURM_CONF names the cluster). Prints one JSON
 * line of epochs, best metric and seconds.
 */
public final class SweepBench {

    private SweepBench() {}

    public static void main(String[] args) throws Exception {
        Path digits = Path.of(args[0]);
        int trials = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        Path home = Files.createTempDirectory("lepton-sweep-bench-");
        System.setProperty(Settings.HOME.property(), home.toString());
        var table = DataLoader.csv(digits, CsvOptions.defaults()).table();
        TrainingData data = TrainingData.of(Preparer.prepare(
                table,
                PrepareOptions.builder("digit")
                        .optTask(Task.CLASSIFICATION)
                        .optStratify(true)
                        .optSeed(7)
                        .build()));
        SearchSpace space = SearchSpace.parse("""
                model: mlp
                hidden: [[16], [64], [128, 64]]
                lr: loguniform(1e-5, 1e-1)
                dropout: uniform(0.0, 0.5)
                batch: [32, 128]
                monitor: val_accuracy
                seed: 1
                epochs: %d
                """.formatted(epochs));
        SweepOptions random = SweepOptions.builder()
                .optTrials(trials)
                .optScheduler("none")
                .optSeed(2026)
                .build();
        Map<String, Object> results = new LinkedHashMap<>();
        if (args.length > 3) {
            localAgainstSlurm(args[3], data, space, random, results);
            System.out.println(new Gson().toJson(results));
            return;
        }
        try (RunStore store = RunStore.open("jdbc:sqlite:" + home.resolve("runs.db"))) {
            // warm-up: the JIT and the engine's first calls would otherwise count against whichever sweep runs first
            Sweeping.run(
                    store,
                    "warm-up",
                    data,
                    space,
                    random.toBuilder().optTrials(4).build(),
                    quiet());
            measure(results, "random", () -> Sweeping.run(store, "random", data, space, random, quiet()));
            measure(
                    results,
                    "asha",
                    () -> Sweeping.run(
                            store,
                            "asha",
                            data,
                            space,
                            random.toBuilder().optScheduler("asha").build(),
                            quiet()));
            measure(
                    results,
                    "random_p2",
                    () -> Sweeping.run(
                            store,
                            "random-p2",
                            data,
                            space,
                            random.toBuilder().optParallel(2).build(),
                            quiet()));
        }
        System.out.println(new Gson().toJson(results));
    }

    /** The same ASHA sweep, two trials at once, in this JVM and as a Slurm job array, on one PostgreSQL store. */
    private static void localAgainstSlurm(
            String store, TrainingData data, SearchSpace space, SweepOptions random, Map<String, Object> results) {
        System.setProperty(Settings.STORE.property(), store); // the array's tasks get it through their environment
        SweepOptions asha =
                random.toBuilder().optScheduler("asha").optParallel(2).build();
        try (RunStore shared = RunStore.open(store)) {
            Sweeping.run(
                    shared,
                    "warm-up",
                    data,
                    space,
                    asha.toBuilder().optTrials(4).build(),
                    quiet());
            measure(results, "local", () -> Sweeping.run(shared, "asha-local", data, space, asha, quiet()));
            measure(
                    results,
                    "slurm",
                    () -> Sweeping.run(
                            shared,
                            "asha-slurm",
                            data,
                            space,
                            asha.toBuilder().optSlurm("--cpus-per-task=1").build(),
                            quiet()));
        }
    }

    private static void measure(Map<String, Object> results, String key, Supplier<SweepResult> sweep) {
        long started = System.nanoTime();
        SweepResult result = sweep.get();
        results.put(key + "_seconds", (System.nanoTime() - started) / 1e9);
        results.put(key + "_epochs", result.totalEpochs());
        results.put(key + "_best", result.best().best());
        results.put(key + "_pruned", result.count(ai.lepton.track.RunStatus.PRUNED));
    }

    private static ConsoleSweepView quiet() {
        return new ConsoleSweepView(new PrintStream(OutputStream.nullOutputStream()));
    }
}
