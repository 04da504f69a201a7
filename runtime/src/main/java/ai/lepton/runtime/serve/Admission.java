package ai.lepton.runtime.serve;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests are read and predicted at once (each holds its rows in memory, and the CPUs), and how many more
 * may wait for a turn, and for how long; the rest are turned away at once, to retry later. A request waits before its
 * body is read, so waiting costs no memory.
 */
final class Admission {

    private final Semaphore turns;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxWaiting;
    private final long waitMillis;

    Admission(int atOnce, int maxWaiting, long waitMillis) {
        this.turns = new Semaphore(atOnce, true);
        this.maxWaiting = maxWaiting;
        this.waitMillis = waitMillis;
    }

    /** Takes a turn, waiting if the queue has room; false: none came in time, and the request is to be turned away. */
    boolean enter() {
        if (turns.tryAcquire()) {
            return true;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            return false;
        }
        try {
            return turns.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) { // the server is stopping
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Gives back the turn {@link #enter} took. */
    void leave() {
        turns.release();
    }
}
