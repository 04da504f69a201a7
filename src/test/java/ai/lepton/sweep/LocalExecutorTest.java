package ai.lepton.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

class LocalExecutorTest {

    @Test
    void cpuTrialsSplitTheCoresAndTooManyAreClampedWithAReason() {
        List<String> notices = new ArrayList<>();
        assertEquals(
                List.of(new Slot("cpu", 2)),
                LocalExecutor.of(1, 1, 0, 2, notices::add).slots());
        assertEquals(
                List.of(new Slot("cpu", 1), new Slot("cpu", 1)),
                LocalExecutor.of(2, 1, 0, 2, notices::add).slots());
        assertEquals(
                List.of(new Slot("cpu", 3), new Slot("cpu", 2)),
                LocalExecutor.of(2, 1, 0, 5, notices::add).slots());
        assertEquals(List.of(), notices);
        assertEquals(2, LocalExecutor.of(8, 1, 0, 2, notices::add).parallelism());
        assertEquals(
                List.of(
                        "parallel 8 is more than this machine can run well (2 CPU core(s) and no GPU): running 2 trial(s) at once."),
                notices);
    }

    @Test
    void gpuTrialsTakeAGpuEachOrShareOneAsConfigured() {
        List<String> notices = new ArrayList<>();
        assertEquals(
                List.of("gpu:0", "gpu:1"),
                LocalExecutor.of(2, 1, 2, 16, notices::add).slots().stream()
                        .map(Slot::device)
                        .toList());
        assertEquals(
                List.of("gpu:0", "gpu:1", "gpu:0", "gpu:1"),
                LocalExecutor.of(4, 2, 2, 16, notices::add).slots().stream()
                        .map(Slot::device)
                        .toList());
        assertEquals(1, LocalExecutor.of(3, 1, 1, 16, notices::add).parallelism());
        assertTrue(notices.getFirst().contains("1 GPU(s) × 1 trial(s) per GPU"), notices.toString());
        assertThrows(SweepException.class, () -> LocalExecutor.of(0, 1, 0, 2, notices::add));
    }

    @Test
    void runsTrialsSideBySideEachInAFreeSlot() throws InterruptedException {
        LocalExecutor executor = LocalExecutor.of(2, 1, 0, 2, notice -> {});
        CountDownLatch bothRunning = new CountDownLatch(2);
        AtomicInteger together = new AtomicInteger();
        List<Slot> used = Collections.synchronizedList(new ArrayList<>());
        List<Consumer<Slot>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(slot -> {
                used.add(slot);
                bothRunning.countDown();
                try {
                    if (bothRunning.await(10, TimeUnit.SECONDS)) {
                        together.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        executor.execute(tasks);
        assertEquals(6, used.size());
        assertEquals(6, together.get(), "the first two ran at once, so the latch opened for all");
    }

    @Test
    void oneTrialAtATimeRunsOnTheCallingThreadSoAnInterruptReachesIt() throws InterruptedException {
        Thread caller = Thread.currentThread();
        List<Thread> threads = new ArrayList<>();
        List<Consumer<Slot>> tasks = List.of(
                slot -> threads.add(Thread.currentThread()),
                slot -> {
                    threads.add(Thread.currentThread());
                    Thread.currentThread().interrupt();
                },
                slot -> threads.add(Thread.currentThread()));
        assertThrows(
                InterruptedException.class,
                () -> LocalExecutor.of(1, 1, 0, 2, notice -> {}).execute(tasks));
        assertEquals(List.of(caller, caller), threads, "the third trial did not start after the interrupt");
        Thread.interrupted();
    }
}
