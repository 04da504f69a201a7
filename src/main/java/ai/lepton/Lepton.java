package ai.lepton;

import ai.lepton.base.LeptonException;
import ai.lepton.base.LeptonVersion;
import ai.lepton.base.Notices;
import ai.lepton.data.duckdb.DuckDb;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.load.DataWriter;
import ai.lepton.data.load.LoadResult;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.data.prepare.Prepared;
import ai.lepton.data.prepare.Preparer;
import ai.lepton.evaluate.Explanation;
import ai.lepton.evaluate.RunModel;
import ai.lepton.promote.AliasChange;
import ai.lepton.promote.ModelTable;
import ai.lepton.promote.ModelVersion;
import ai.lepton.promote.PromoteOptions;
import ai.lepton.promote.Promoted;
import ai.lepton.promote.Promotion;
import ai.lepton.promote.Registry;
import ai.lepton.runtime.LeptonModel;
import ai.lepton.slurm.SlurmRun;
import ai.lepton.sweep.SearchSpace;
import ai.lepton.sweep.SweepOptions;
import ai.lepton.sweep.SweepView;
import ai.lepton.sweep.Sweeping;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStore;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.device.DeviceReport;
import ai.lepton.train.device.EngineInfo;
import ai.lepton.train.listener.ProgressView;
import ai.lepton.train.loop.Training;
import ai.lepton.train.pretrained.PretrainedTable;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facade a notebook uses. Everything a {@code %lepton} magic does is reachable from here in plain Java, and the
 * reverse. It holds no domain rules: each method names things in the current {@link Session} and calls the library, so
 * a run trained here records what a run trained with {@link Training#train} does.
 *
 * <p>What it gives back are objects, not names to look up again: {@link #train} and {@link #run(String)} give a
 * {@link Run}, {@link #sweep} a {@link Sweep}, {@link #runs()} a list of runs:
 *
 * <pre>{@code
 * var run = Lepton.train("penguins", "penguins-mlp", TrainOptions.builder().optHidden(32).build());
 * run.metrics().best(Metric.VAL_ACCURACY);
 * run.promote("penguins");
 * Lepton.lastSweep().best().promote("wine");
 * }</pre>
 *
 * <p>One argument order everywhere: the data first, then the name of the run or sweep, then the options —
 * {@code train(data, run, options)}, {@code resume(data, run)}, {@code sweep(data, sweep, space, options)},
 * {@code resumeSweep(data, sweep)}, {@code submit(data, run, options, sbatch)}. Two names passed the other way round
 * are refused with the order to call it in. Calls on a run alone take the run first: {@code promote(run, options)},
 * {@code explain(run)}.
 */
public final class Lepton {

    private static Session session = new Session();

    private Lepton() {}

    /** The current session: its datasets, prepared data, run store, last run and sweep. */
    public static synchronized Session session() {
        return session;
    }

    /**
     * Closes the current session (its store, the model kept for the next run) and starts an empty one, which opens the
     * store the settings name now: for code that changes {@code LEPTON_HOME} or {@code LEPTON_STORE} as it goes.
     */
    public static synchronized Session newSession() {
        session.close();
        session = new Session();
        return session;
    }

    /** The run store of this session: {@code LEPTON_STORE}, or the SQLite file in {@code LEPTON_HOME}. Opened on first use. */
    public static RunStore store() {
        return session().store();
    }

    /**
     * Trains on the prepared data named {@code data} as a tracked run named {@code runName}, with a live view in a
     * notebook (a line per epoch elsewhere). The run records the preparation and the dataset's fingerprint; its model
     * is open until {@link Run#close()}.
     */
    public static Run train(String data, String runName, TrainOptions options) {
        return train(namedData(data, runName, "train(DATA, RUN_NAME, options)"), runName, options);
    }

    /** Trains on any data (images, your own matrices) as a tracked run. */
    public static Run train(TrainingData data, String runName, TrainOptions options) {
        return session()
                .rememberRun(
                        Run.trained(Training.train(store(), runName, data, options, ProgressView.forRun(runName))));
    }

    /** Continues the unfinished run {@code run} (id, id prefix or name) from its last checkpoint, on the prepared data named {@code data}. */
    public static Run resume(String data, String run) {
        return resume(namedData(data, run, "resume(DATA, RUN)"), run);
    }

    /** Continues an unfinished run on any data. */
    public static Run resume(TrainingData data, String run) {
        return session().rememberRun(Run.trained(Training.resume(store(), run, data, ProgressView.forRun(run))));
    }

    /** The run {@code run} (its id, id prefix or name) as the store has it, from this session or any earlier one. */
    public static Run run(String run) {
        return Run.recorded(store().find(run));
    }

    /**
     * The last run this session trained, by {@code %%lepton train} or in code, with its model open. The model is the
     * caller's to close; after {@code %%lepton train} the session closes it when it trains the next one.
     */
    public static Run lastRun() {
        return session().lastRun();
    }

    /**
     * Sweeps the hyperparameters of {@code space} (YAML, as in {@code %%lepton sweep}) on the prepared data named
     * {@code data}: a run named {@code sweepName} with a child run per trial, with a live view in a notebook.
     */
    public static Sweep sweep(String data, String sweepName, String space, SweepOptions options) {
        return sweep(
                namedData(data, sweepName, "sweep(DATA, SWEEP_NAME, space, options)"),
                sweepName,
                SearchSpace.parse(space),
                options);
    }

    /** Sweeps on any data, with a space built in code. */
    public static Sweep sweep(TrainingData data, String sweepName, SearchSpace space, SweepOptions options) {
        return session()
                .rememberSweep(new Sweep(
                        Sweeping.run(store(), sweepName, data, space, options, SweepView.forSweep(sweepName))));
    }

    /**
     * Submits a run on the prepared data named {@code data} to Slurm as one batch job (extra {@code sbatch} options, may
     * be empty) and follows it live from the shared store until the job ends; an interrupt detaches and the job goes
     * on. Returns the run as the store has it then. Needs the shared PostgreSQL store (environment/README.md).
     */
    public static Run submit(String data, String runName, TrainOptions options, String sbatchOptions) {
        TrainingData named = namedData(data, runName, "submit(DATA, RUN_NAME, options, sbatchOptions)");
        return attach(SlurmRun.submit(store(), runName, named, options, sbatchOptions));
    }

    /** Follows a run submitted to Slurm (id, id prefix or name) live from the store until its job ends. */
    public static Run attach(String run) {
        return Run.recorded(SlurmRun.follow(store(), run, ProgressView.forRun(run)));
    }

    /** Cancels the Slurm job of a submitted run; it stops at its next batch and ends INTERRUPTED. */
    public static void cancel(String run) {
        SlurmRun.cancel(store(), run);
    }

    /** Continues the unfinished sweep {@code sweep} (id, id prefix or name) on the prepared data named {@code data}. */
    public static Sweep resumeSweep(String data, String sweep) {
        return resumeSweep(namedData(data, sweep, "resumeSweep(DATA, SWEEP)"), sweep);
    }

    /** Continues an unfinished sweep on any data. */
    public static Sweep resumeSweep(TrainingData data, String sweep) {
        return session().rememberSweep(new Sweep(Sweeping.resume(store(), sweep, data, SweepView.forSweep(sweep))));
    }

    /** The last sweep this session ran, or an error saying how to run one. */
    public static Sweep lastSweep() {
        return session().lastSweep();
    }

    /**
     * Promotes the finished run {@code run} (id, id prefix or name) as the next version of the model {@code name}:
     * packaged, checked in a fresh runtime against the run's model on its held-out rows, then registered.
     */
    public static Promoted promote(String run, String name) {
        return promote(run, PromoteOptions.named(name));
    }

    /** Promotes with a version, an alias or a Maven publication: {@code PromoteOptions.builder("m").optAlias("staging").build()}. */
    public static Promoted promote(String run, PromoteOptions options) {
        return Promotion.promote(
                store(), Registry.open(), run, options); // a notebook shows the result; not printed too
    }

    /**
     * Which input columns run {@code run}'s model leans on: permutation importance on its held-out rows (the same
     * seeded shuffles as the model card of a promotion).
     */
    public static Explanation explain(String run) {
        try (RunModel model = RunModel.open(store(), run)) {
            return model.explain();
        }
    }

    /** Whether {@code model} ({@code name}, {@code name:1.2.0} or {@code name@alias}) is registered. */
    public static boolean isRegistered(String model) {
        return Registry.open().exists(model);
    }

    /** Every registered model version ({@code LEPTON_REGISTRY}), with aliases, source runs and test metrics. */
    public static Table models() {
        return ModelTable.of(Registry.open(), List.of());
    }

    /** The versions of the model {@code name}. */
    public static Table models(String name) {
        Registry.open().resolve(name); // an unknown name lists what exists
        return ModelTable.of(Registry.open(), List.of(name));
    }

    /** Loads a registered model with the production runtime: {@code name}, {@code name:1.2.0} or {@code name@production}. */
    public static LeptonModel load(String model) {
        return Registry.open().load(model);
    }

    /**
     * Points {@code alias} at the registered version {@code model} ({@code name:1.2.0}, or {@code name@other-alias}):
     * {@code Lepton.alias("wine:1.3.0", "production")}. A team registry lets only its promoters move protected aliases.
     */
    public static AliasChange alias(String model, String alias) {
        Registry registry = Registry.open();
        ModelVersion version = registry.resolve(model);
        AliasChange change = registry.moveAlias(version.name(), alias, version.version());
        Notices.info(version.name() + "@" + alias + " -> " + version.version()
                + (change.previous() == null ? " (new alias)" : " (was " + change.previous() + ")"));
        return change;
    }

    /** Publishes a registered version to a Maven repository (a folder, a file: or http(s): URL, or "local" for ~/.m2). */
    public static String publish(String model, String repository) {
        return Promotion.publish(Registry.open().resolve(model), repository);
    }

    /** Every run in the store, newest first; shown as a table of the parameters that differ and each metric's final value. */
    public static Runs runs() {
        return new Runs("runs", store().runs());
    }

    /** The newest {@code last} runs. */
    public static Runs runs(int last) {
        return new Runs("runs", store().recent(last));
    }

    /** The runs named (ids, id prefixes or names), in that order: {@code Lepton.runs("a", "b").best(Metric.VAL_ACCURACY)}. */
    public static Runs runs(String... runs) {
        return new Runs("runs", Arrays.stream(runs).map(store()::find).toList());
    }

    /** The trials of the sweep {@code sweep} (id, id prefix or name), by number. */
    public static Runs trials(String sweep) {
        RunRecord parent = store().find(sweep);
        return new Runs(
                "trials of " + parent.name(),
                List.copyOf(store().trials(parent.id()).values()));
    }

    /** The named runs side by side (ids, id prefixes or names). */
    public static Table compare(String... runs) {
        return runs(runs).table().setName("compare");
    }

    /** The dataset named {@code name} (by {@code %lepton data load} or {@link #dataset(String, Table)}). */
    public static Table dataset(String name) {
        return session().dataset(name);
    }

    /** Names a table so magics can use it: {@code Lepton.dataset("credit", table)}. */
    public static void dataset(String name, Table table) {
        session().dataset(name, table);
    }

    /** The names of this session's datasets. */
    public static List<String> datasets() {
        return session().datasets();
    }

    /** The prepared data named {@code name} (by {@code %lepton data prepare} or {@link #prepared(String, Prepared)}). */
    public static Prepared prepared(String name) {
        return session().prepared(name);
    }

    /** The names of this session's prepared data, in the order named. */
    public static List<String> preparedNames() {
        return session().preparedNames();
    }

    /** Names prepared data so magics can use it. */
    public static void prepared(String name, Prepared prepared) {
        session().prepared(name, prepared);
    }

    /** Prepares a named dataset and keeps the result under the same name. */
    public static Prepared prepare(String name, PrepareOptions options) {
        Prepared prepared = Preparer.prepare(dataset(name), options);
        prepared(name, prepared);
        return prepared;
    }

    /**
     * Prepares {@code k} cross-validation folds of a named dataset, each fitted on its own training rows, and keeps them
     * as {@code name.fold1} ... {@code name.foldK}.
     */
    public static List<Prepared> folds(String name, PrepareOptions options, int k) {
        List<Prepared> folds = Preparer.folds(dataset(name), options, k);
        for (int fold = 0; fold < folds.size(); fold++) {
            prepared(name + ".fold" + (fold + 1), folds.get(fold));
        }
        return folds;
    }

    /**
     * The pretrained models {@code pretrained:} finds offline: those in the Hugging Face cache ({@code HF_HUB_CACHE},
     * {@code HF_HOME/hub}, {@code ~/.cache/huggingface/hub}) and those Lepton ships.
     */
    public static Table pretrained() {
        return PretrainedTable.offline();
    }

    /** What this session can train on: engine, natives, each visible GPU, and what {@code device: auto} picks. */
    public static DeviceReport device() {
        return DeviceReport.current();
    }

    /** The deep-learning engine Lepton trains with, and the devices it can see. Loads the engine on first use. */
    public static EngineInfo engine() {
        return EngineInfo.current();
    }

    /**
     * Loads a CSV or TSV file (separator sniffed), JSON lines (.jsonl, .ndjson), or Parquet (.parquet, or a folder of
     * Parquet parts) into a table. What loading had to repair, such as a word in a numeric column, is shown as a
     * warning ({@link Notices}); nothing is changed silently.
     */
    public static Table csv(String path) {
        return csv(path, CsvOptions.defaults());
    }

    /** Loads a CSV file with the given options (separator, missing-value tokens, encoding). */
    public static Table csv(String path, CsvOptions options) {
        LoadResult result = DataLoader.load(Path.of(path), options);
        result.notes().forEach(note -> Notices.warning(result.table().name() + ": " + note));
        return result.table();
    }

    /** Writes the dataset named {@code name} to {@code path}: .parquet, .csv or .tsv, whole or not at all. */
    public static void save(String name, String path) {
        DataWriter.save(dataset(name), Path.of(path));
    }

    /**
     * Runs DuckDB SQL over this session's datasets, each a table by its name, and over files ({@code
     * read_parquet('...')}, {@code read_csv('...')}); returns the result as a table.
     */
    public static Table sql(String query) {
        Map<String, Table> tables = new LinkedHashMap<>();
        datasets().forEach(name -> tables.put(name, dataset(name)));
        return DuckDb.query(query, tables, "sql");
    }

    /** The same, keeping the result as dataset {@code name} for the magics. */
    public static Table sql(String query, String name) {
        Table result = sql(query).setName(name);
        dataset(name, result);
        return result;
    }

    /**
     * The prepared data named {@code data} for a call that names a run or sweep {@code named} next; when the two look
     * swapped (the run's name is prepared data and the data's is not), an error says the order.
     */
    private static TrainingData namedData(String data, String named, String call) {
        List<String> preparedNames = preparedNames();
        if (!preparedNames.contains(data) && preparedNames.contains(named)) {
            throw new LeptonException("Lepton." + call.substring(0, call.indexOf('(')) + " takes the data first and"
                    + " the run or sweep after it, but '" + named + "' is prepared data and '" + data + "' is not: call"
                    + " Lepton." + call + " with \"" + named + "\" first.");
        }
        return TrainingData.of(prepared(data));
    }

    /** Lepton's version, from its jars; {@code "dev"} when run from classes. */
    public static String version() {
        return LeptonVersion.current();
    }
}
