package ai.lepton.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * How Slurm's client commands meet the notebook's stop, which reaches the code as a thread interrupt wherever it is: a
 * sweep or a submitted run follows its job by asking squeue every second, and must learn of the interrupt (to cancel
 * the array, or to detach) whether it lands before, while or between those questions. Real processes stand in for
 * Slurm's commands where the test needs one that takes its time.
 */
class SlurmCommandsTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @Test
    void aQuestionInterruptedWhileItsCommandRunsEndsWithInterruptedExceptionAndEndsTheCommand() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            Thread asking = Thread.currentThread();
            CompletableFuture<ProcessHandle> command = CompletableFuture.supplyAsync(() -> {
                ProcessHandle running = awaitChild("sleep");
                asking.interrupt(); // the stop lands while the command runs
                return running;
            });
            assertThrows(InterruptedException.class, () -> SlurmCommands.ask(List.of("sleep", "60")));
            ProcessHandle ended = command.get().onExit().get();
            assertFalse(ended.isAlive(), "the command is ended, not left running");
        });
    }

    @Test
    void aFollowerInterruptedBeforeItAsksSqueueLearnsOfItWithoutAskingSlurm() {
        Thread.currentThread().interrupt(); // as when the stop lands during sbatch, before the follower's loop
        InterruptedException e = assertThrows(InterruptedException.class, () -> SlurmCommands.unfinished("4711"));
        assertEquals("squeue not run: the thread was interrupted", e.getMessage());
    }

    @Test
    void aCommandThatChangesTheClusterRunsToItsEndThroughAnInterruptWhichStaysSetForTheCaller() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            Thread.currentThread().interrupt();
            // says what it did at once, then takes a while to end, as sbatch may while the controller is busy
            String output = SlurmCommands.run(List.of("sh", "-c", "echo 4711; exec >&- 2>&-; sleep 1"));
            assertEquals("4711", output);
            assertTrue(Thread.interrupted(), "the caller still sees the interrupt");
        });
    }

    private static ProcessHandle awaitChild(String name) {
        while (true) {
            Optional<ProcessHandle> child = ProcessHandle.current()
                    .children()
                    .filter(process -> isCommand(process, name))
                    .findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted while waiting for " + name + " to start", e);
            }
        }
    }

    private static boolean isCommand(ProcessHandle process, String name) {
        return process.isAlive()
                && process.info()
                        .command()
                        .map(path -> path.endsWith("/" + name))
                        .orElse(false);
    }
}
