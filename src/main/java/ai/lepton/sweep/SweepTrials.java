package ai.lepton.sweep;

import ai.lepton.track.Run;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStore;
import ai.lepton.train.TrainingData;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The trials of one sweep that its {@link TrialExecutor} is to run: their numbers (as the store records each trial's),
 * how to train one in this JVM, and, for an executor whose trials run elsewhere, the sweep's run and data and what the
 * store holds of its trials.
 */
public final class SweepTrials {

    /** What the store holds of the sweep's trials, for an executor that follows trials running elsewhere. */
    interface Recorded {
        /** The newest run of each trial number. */
        Map<Integer, RunRecord> runs();

        /** The sweep's metric after each epoch of run {@code runId}. */
        List<Double> curve(String runId);

        /** How many epochs trial {@code trial} trains at most. */
        int budget(int trial);
    }

    private final RunStore store;
    private final Run sweepRun;
    private final TrainingData data;
    private final SortedMap<Integer, Consumer<Slot>> pending;
    private final TrialBoard board;
    private final Recorded recorded;

    /**
     * @param pending each trial to run, by number, with the task that trains it in this JVM in the slot it is given
     */
    SweepTrials(
            RunStore store,
            Run sweepRun,
            TrainingData data,
            SortedMap<Integer, Consumer<Slot>> pending,
            TrialBoard board,
            Recorded recorded) {
        this.store = store;
        this.sweepRun = sweepRun;
        this.data = data;
        this.pending = Collections.unmodifiableSortedMap(new TreeMap<>(pending));
        this.board = board;
        this.recorded = recorded;
    }

    /** The numbers of the trials to run, lowest first. */
    public List<Integer> pending() {
        return List.copyOf(pending.keySet());
    }

    /**
     * Trains trial {@code trial} in this JVM, in {@code slot}: anew, or on from its checkpoint. Its run records how it
     * ended; a failure does not escape, an interrupt is passed on as the thread's flag.
     */
    public void trainHere(int trial, Slot slot) {
        Consumer<Slot> task = pending.get(trial);
        if (task == null) {
            throw new IllegalArgumentException("trial " + trial + " is not pending; pending: " + pending());
        }
        task.accept(slot);
    }

    /** The sweep's own run: its id and name, and where an executor tags what it submitted. */
    public Run sweepRun() {
        return sweepRun;
    }

    /** The data every trial trains on. */
    public TrainingData data() {
        return data;
    }

    RunStore store() {
        return store;
    }

    TrialBoard board() {
        return board;
    }

    Recorded recorded() {
        return recorded;
    }
}
