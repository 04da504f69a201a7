package ai.lepton.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs trials side by side in this JVM. With GPUs, each trial gets a GPU of its own, or
 * {@code trialsPerGpu} small trials share one; on the CPU, the cores are split between the trials.
 * Asking for more parallel trials than that is clamped, with a line saying why.
 */
public final class LocalExecutor implements TrialExecutor {

    private final List<Slot> slots;

    private LocalExecutor(List<Slot> slots) {
        this.slots = List.copyOf(slots);
    }

    /**
     * @param parallel     trials at once, as asked
     * @param trialsPerGpu how many trials may share one GPU
     * @param gpus         GPUs there are (0: CPU only)
     * @param cores        CPU cores there are
     * @param notice       where the line about clamping goes
     */
    public static LocalExecutor of(int parallel, int trialsPerGpu, int gpus, int cores, Consumer<String> notice) {
        if (parallel < 1) {
            throw new SweepException("parallel must be 1 or more, not " + parallel + ".");
        }
        if (trialsPerGpu < 1) {
            throw new SweepException("trials per GPU must be 1 or more, not " + trialsPerGpu + ".");
        }
        List<Slot> slots = new ArrayList<>();
        if (gpus > 0) {
            int capacity = gpus * trialsPerGpu;
            int used = clamp(parallel, capacity, notice, gpus + " GPU(s) × " + trialsPerGpu + " trial(s) per GPU");
            int threads = Math.max(1, cores / used);
            for (int i = 0; i < used; i++) {
                slots.add(new Slot("gpu:" + (i % gpus), threads));
            }
        } else {
            int used = clamp(parallel, cores, notice, cores + " CPU core(s) and no GPU");
            int threads = cores / used;
            for (int i = 0; i < used; i++) {
                // the first trials take the cores left over when they do not divide evenly
                slots.add(new Slot("cpu", threads + (i < cores % used ? 1 : 0)));
            }
        }
        return new LocalExecutor(slots);
    }

    private static int clamp(int parallel, int capacity, Consumer<String> notice, String why) {
        if (parallel > capacity) {
            notice.accept("parallel " + parallel + " is more than this machine can run well (" + why + "): running "
                    + capacity + " trial(s) at once.");
            return capacity;
        }
        return parallel;
    }

    public List<Slot> slots() {
        return slots;
    }

    /** How many trials run at once. */
    public int parallelism() {
        return slots.size();
    }

    @Override
    public void execute(SweepTrials trials) throws InterruptedException {
        List<Consumer<Slot>> tasks = new ArrayList<>();
        for (int trial : trials.pending()) {
            tasks.add(slot -> trials.trainHere(trial, slot));
        }
        execute(tasks);
    }

    /**
     * Runs every task, each given a {@link Slot}, at most {@link #parallelism()} at once, and returns when all have
     * ended. A task's exception is the task's to record; it does not stop the others. An interrupt of the calling
     * thread interrupts the running tasks and is passed on.
     */
    public void execute(List<Consumer<Slot>> tasks) throws InterruptedException {
        if (slots.size() == 1) {
            // one at a time on the calling thread: a notebook interrupt reaches the training loop directly
            for (Consumer<Slot> task : tasks) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                task.accept(slots.getFirst());
            }
            return;
        }
        BlockingQueue<Slot> free = new ArrayBlockingQueue<>(slots.size(), false, slots);
        ExecutorService pool = Executors.newFixedThreadPool(
                slots.size(), Thread.ofPlatform().name("lepton-trial-", 1).factory());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Consumer<Slot> task : tasks) {
                running.add(pool.submit(() -> {
                    Slot slot = free.take();
                    try {
                        task.accept(slot);
                    } finally {
                        free.put(slot);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    // tasks record their own failures; one escaping here is a bug, shown with its stack
                    throw new IllegalStateException("A trial ended with an unexpected error", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            awaitEnd(pool);
        }
    }

    /** Waits for interrupted trials to record how they ended, so none is left RUNNING behind the caller's back. */
    private static void awaitEnd(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES); // a second interrupt stops the wait
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
