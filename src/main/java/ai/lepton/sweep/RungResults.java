package ai.lepton.sweep;

import ai.lepton.track.RunStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a sweep's trials record the value each reached at a rung, and read the values that came before theirs. Kept in
 * the run store, it lets trials decide for themselves wherever they run (threads here, jobs of a cluster), with no
 * coordinator: the way Optuna's storage-based pruners work. Recording a trial again returns what it saw the first
 * time, so a rerun trial gets the same decision.
 */
public interface RungResults {

    /** Records {@code trial}'s value at {@code rung}; returns the values recorded there up to it, in arrival order. */
    List<Double> record(int rung, int trial, double value);

    /** Rungs kept in the run store under the sweep's run: every trial of the sweep sees the same. */
    static RungResults stored(RunStore store, String sweepRunId) {
        return (rung, trial, value) -> store.recordRung(sweepRunId, rung, trial, value);
    }

    /** Rungs kept in this JVM, for trials that all run in it. */
    static RungResults inMemory() {
        Map<Integer, LinkedHashMap<Integer, Double>> rungs = new HashMap<>();
        return (rung, trial, value) -> {
            synchronized (rungs) {
                LinkedHashMap<Integer, Double> arrived = rungs.computeIfAbsent(rung, r -> new LinkedHashMap<>());
                arrived.putIfAbsent(trial, value);
                List<Double> upToTrial = new ArrayList<>();
                for (Map.Entry<Integer, Double> entry : arrived.entrySet()) {
                    upToTrial.add(entry.getValue());
                    if (entry.getKey() == trial) {
                        break;
                    }
                }
                return upToTrial;
            }
        };
    }
}
