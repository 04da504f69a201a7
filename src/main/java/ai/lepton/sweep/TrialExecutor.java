package ai.lepton.sweep;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a sweep's trials. {@link LocalExecutor} runs them side by side in this JVM; an executor for a
 * cluster (job arrays writing to a shared PostgreSQL store) implements the same interface, and the
 * schedulers do not change.
 */
public interface TrialExecutor {

    /** How many trials run at once. */
    int parallelism();

    /**
     * Runs every task, each given a {@link Slot}, at most {@link #parallelism()} at once, and returns when all
     * have ended. A task's exception is the task's to record; it does not stop the others. An interrupt of
     * the calling thread interrupts the running tasks and is passed on.
     */
    void execute(List<Consumer<Slot>> tasks) throws InterruptedException;
}
