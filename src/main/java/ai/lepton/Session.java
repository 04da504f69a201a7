package ai.lepton;

import ai.lepton.base.LeptonException;
import ai.lepton.base.Suggestions;
import ai.lepton.data.prepare.Prepared;
import ai.lepton.sweep.SweepException;
import ai.lepton.track.RunStore;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named things of one notebook session, which the facade and the magics share: datasets (and the target named when
 * each was loaded), prepared data, the run store, and the last run and sweep. {@link Lepton#session()} is the current
 * one; nothing else in Lepton keeps session state.
 */
public final class Session implements AutoCloseable {

    private final Map<String, Table> datasets = new LinkedHashMap<>();
    private final Map<String, String> targets = new LinkedHashMap<>();
    private final Map<String, Prepared> prepared = new LinkedHashMap<>();
    private RunStore store;
    private Run lastRun;
    /** A run whose model this session closes when the next run is trained: one a magic trained and showed. */
    private Run closesWithNext;

    private Sweep lastSweep;

    /** The run store: {@code LEPTON_STORE}, or the SQLite file in {@code LEPTON_HOME}. Opened on first use. */
    public synchronized RunStore store() {
        if (store == null) {
            store = RunStore.openDefault();
        }
        return store;
    }

    /** The dataset named {@code name}. */
    public synchronized Table dataset(String name) {
        return named(
                datasets,
                "dataset",
                name,
                "load one with Lepton.dataset(\"" + name + "\", table) or %lepton data load PATH --name " + name);
    }

    /** Names {@code table} {@code name} (its Tablesaw name too, which runs record as the dataset's). */
    public synchronized void dataset(String name, Table table) {
        datasets.put(name, table.setName(name));
    }

    /** The names of the datasets, in the order named. */
    public synchronized List<String> datasets() {
        return List.copyOf(datasets.keySet());
    }

    /** Remembers that {@code dataset} predicts {@code column}, as {@code %lepton data load --target} says. */
    public synchronized void target(String dataset, String column) {
        targets.put(dataset, column);
    }

    /** The target named when {@code dataset} was loaded, if any. */
    public synchronized Optional<String> target(String dataset) {
        return Optional.ofNullable(targets.get(dataset));
    }

    /** The prepared data named {@code name}. */
    public synchronized Prepared prepared(String name) {
        if (!prepared.containsKey(name) && datasets.containsKey(name)) {
            String target = Optional.ofNullable(targets.get(name)).orElse("COL");
            throw new LeptonException("Dataset '" + name + "' is loaded but not prepared yet: prepare it with"
                    + " %lepton data prepare " + name + " --target " + target + " (in code: Lepton.prepare(\"" + name
                    + "\", PrepareOptions.builder(\"" + target + "\").build()))"
                    + (prepared.isEmpty() ? "." : ". Prepared: " + String.join(", ", prepared.keySet()) + "."));
        }
        return named(
                prepared,
                "prepared dataset",
                name,
                "prepare one with Lepton.prepare(\"" + name + "\", options) or %lepton data prepare " + name
                        + " --target COL");
    }

    /** Names prepared data. */
    public synchronized void prepared(String name, Prepared data) {
        prepared.put(name, data);
    }

    /** The names of the prepared data, in the order named. */
    public synchronized List<String> preparedNames() {
        return List.copyOf(prepared.keySet());
    }

    /** The prepared data named last: what training and sweeps use when no name is given. */
    public synchronized String latestPrepared() {
        if (prepared.isEmpty()) {
            throw new LeptonException(
                    "Nothing is prepared yet: training and sweeps need prepared data. Prepare a dataset with"
                            + " Lepton.prepare(NAME, PrepareOptions.builder(TARGET).build()) or %lepton data prepare NAME --target COL.");
        }
        return prepared.keySet().stream().reduce((first, second) -> second).orElseThrow();
    }

    /** The last run this session trained. */
    public synchronized Run lastRun() {
        if (lastRun == null) {
            throw new LeptonException("No run has been trained in this session yet: train one with Lepton.train(...) or"
                    + " %%lepton train. Runs of earlier sessions are in the store: Lepton.runs().");
        }
        return lastRun;
    }

    synchronized Run rememberRun(Run run) {
        lastRun = run;
        return run;
    }

    /**
     * Closes {@code run}'s model when the next run of this session is trained, so a notebook that trains again and
     * again does not keep every model's native memory. A magic's runs are kept this way; code keeps its own runs.
     */
    public synchronized void closeWithNextRun(Run run) {
        if (closesWithNext != null && closesWithNext != run) {
            closesWithNext.close(); // its weights stay in its checkpoints
        }
        closesWithNext = run;
    }

    /** The last sweep this session ran. */
    public synchronized Sweep lastSweep() {
        if (lastSweep == null) {
            throw new SweepException(
                    "No sweep has run in this session yet: run one with Lepton.sweep(...) or %%lepton sweep.");
        }
        return lastSweep;
    }

    synchronized Sweep rememberSweep(Sweep sweep) {
        lastSweep = sweep;
        return sweep;
    }

    private static <T> T named(Map<String, T> registry, String what, String name, String howToName) {
        T found = registry.get(name);
        if (found == null) {
            throw new LeptonException(
                    "No " + what + " named '" + name + "'." + Suggestions.didYouMean("", name, registry.keySet())
                            + (registry.isEmpty()
                                    ? " None is named yet: " + howToName + "."
                                    : " Known: " + String.join(", ", registry.keySet()) + "."));
        }
        return found;
    }

    /** Closes the store and the model kept for the next run; the session's names are forgotten. */
    @Override
    public synchronized void close() {
        if (closesWithNext != null) {
            closesWithNext.close();
            closesWithNext = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
        datasets.clear();
        targets.clear();
        prepared.clear();
        lastRun = null;
        lastSweep = null;
    }
}
