package ai.lepton.track;

import java.util.Map;

/**
 * A separate process logging into a store, for the concurrency tests: args are the store URL, a run
 * name and how many metric values to log. Prints the run's id.
 */
public final class StoreWriter {

    private StoreWriter() {}

    public static void main(String[] args) {
        int values = Integer.parseInt(args[2]);
        try (RunStore store = RunStore.open(args[0]);
                RunRecorder run = store.start(args[1])) {
            run.params(Map.of("writer", args[1], "values", values));
            for (int step = 0; step < values; step++) {
                run.metric("loss", 1.0 / (step + 1), step, step / 100 + 1);
                if (step % 97 == 0) {
                    run.flush(); // uneven batch sizes interleave the writers' transactions more
                }
            }
            run.tag("writer", args[1]);
            run.finish(RunStatus.FINISHED);
            System.out.println(run.id());
        }
    }
}
