package ai.lepton.runtime;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Random;
import java.util.function.Function;

/**
 * Runs seeded mutations of a valid file through a reader: each must end in the reader's own exception or in success,
 * allocating less than a bound, and all of them within a time bound (a generous guard against hangs, not a timing). A
 * failure names the seed and the case, which {@code -Dlepton.fuzz.seed=SEED} replays.
 */
public final class Fuzzing {

    /** The seed every fuzz test starts from, unless {@code -Dlepton.fuzz.seed} gives another. */
    public static final long SEED = Long.getLong("lepton.fuzz.seed", 29);

    /** Far above what reading any of the small files fuzzed here takes, far below what a length taken on trust does. */
    private static final long MOST_ALLOCATED = 64L << 20;

    /** A reader of one mutated file. */
    @FunctionalInterface
    public interface Reader {
        void read(Mutation mutation) throws Exception;
    }

    private Fuzzing() {}

    /**
     * Reads {@code cases} mutations ({@code mutate} makes each from its own seeded random), each of which must end in
     * {@code refusal} or success, within {@code timeout} in all.
     */
    public static void run(
            int cases,
            Function<Random, Mutation> mutate,
            Class<? extends Exception> refusal,
            Reader reader,
            Duration timeout) {
        String[] current = {"before the first case"};
        assertTimeoutPreemptively(
                timeout,
                () -> {
                    for (int i = 0; i < cases; i++) {
                        Mutation mutation = mutate.apply(new Random(SEED * 1_000_003 + i));
                        current[0] = "seed " + SEED + ", case " + i + " (" + mutation.description() + ")";
                        long allocatedBefore = MemoryUse.allocatedByThisThread();
                        long directBefore = MemoryUse.directBuffers();
                        try {
                            reader.read(mutation);
                        } catch (Throwable thrown) {
                            if (!refusal.isInstance(thrown)) {
                                fail(
                                        current[0] + " ended in " + thrown + " rather than " + refusal.getSimpleName(),
                                        thrown);
                            }
                        }
                        long allocated = MemoryUse.allocatedByThisThread() - allocatedBefore;
                        long direct = MemoryUse.directBuffers() - directBefore;
                        if (allocated > MOST_ALLOCATED || direct > MOST_ALLOCATED) {
                            fail(current[0] + " allocated " + allocated + " bytes on the heap and " + direct
                                    + " in direct buffers");
                        }
                    }
                },
                () -> "the cases did not finish in " + timeout + "; the last one started: " + current[0]);
    }
}
