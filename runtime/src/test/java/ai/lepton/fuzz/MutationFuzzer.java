package ai.lepton.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Feeds seeded mutations of valid files to a reader of untrusted bytes. Each must end in success or one of the reader's
 * own exceptions, within a time limit (each case, and the whole run preemptively: a hang fails naming its case) and
 * without allocating more than a fixed amount plus a multiple of its size, on the heap or in direct buffers. A run must
 * see both outcomes: mutations that damage nothing, or a reader that refuses everything, test nothing.
 *
 * <p>Each case draws a file, then one or more mutations: those of {@link ByteMutations} and those a test adds for its
 * format. Case {@code i} of seed {@code s} is always the same; a failure names the seed, the case and the mutation, and
 * {@code -Dlepton.fuzz.seed=s} replays it.
 */
public final class MutationFuzzer {

    /** The longest one case may take: far above what any small file costs, a guard against near-hangs, not a timing. */
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(10);

    /** A mutated file and what was done to it. */
    public record Mutant(byte[] bytes, String description) {}

    /** One way to damage a file of at least one byte. */
    @FunctionalInterface
    public interface Mutation {
        Mutant apply(byte[] valid, Random random);
    }

    /** The reader under test. */
    @FunctionalInterface
    public interface Reader {
        void read(byte[] bytes) throws Exception;
    }

    private record Input(String name, byte[] bytes) {}

    private final long seed;
    private final int cases;
    private final List<Input> inputs = new ArrayList<>();
    private final List<Mutation> formatMutations = new ArrayList<>();
    private List<Class<? extends Exception>> expected = List.of();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private int mostMutations = 1;
    private long fixedBytes = 4 << 20;
    private int bytesPerByte = 64;
    private Duration timeout = Duration.ofSeconds(120);

    private volatile String current = "none yet";

    private MutationFuzzer(long seed, int cases) {
        this.seed = seed;
        this.cases = cases;
    }

    /** {@code cases} cases drawn from {@code seed}, or from {@code -Dlepton.fuzz.seed} where that is set. */
    public static MutationFuzzer of(long seed, int cases) {
        return new MutationFuzzer(seed(seed), cases);
    }

    /** The seed of a seeded test: {@code -Dlepton.fuzz.seed}, which replays a failure, or else {@code otherwise}. */
    public static long seed(long otherwise) {
        return Long.getLong("lepton.fuzz.seed", otherwise);
    }

    /** Adds a file to mutate (each case draws one, each equally likely), named in failures. */
    public MutationFuzzer addInput(String name, byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("the input " + name + " is empty: there is nothing to mutate");
        }
        inputs.add(new Input(name, bytes));
        return this;
    }

    /** Adds the format's own mutations, each as likely as each of {@link ByteMutations}' (one added twice: twice). */
    public MutationFuzzer addMutations(List<Mutation> more) {
        formatMutations.addAll(more);
        return this;
    }

    /** The reader's own exceptions: the only ones allowed to end a case. */
    @SafeVarargs
    public final MutationFuzzer setExpected(Class<? extends Exception>... exceptions) {
        expected = List.of(exceptions);
        return this;
    }

    /** The byte order of the format's numbers, which {@link ByteMutations} overwrites (little-endian unless set). */
    public MutationFuzzer optByteOrder(ByteOrder byteOrder) {
        order = byteOrder;
        return this;
    }

    /** Each case applies from one to {@code most} mutations, one after another (one unless set). */
    public MutationFuzzer optMutationsPerCase(int most) {
        mostMutations = most;
        return this;
    }

    /**
     * The most a case may allocate on the heap, and separately leave reserved in direct buffers: {@code fixed} bytes
     * plus {@code perByte} for each byte of its input (4 MiB and 64 unless set).
     */
    public MutationFuzzer optAllocationLimit(long fixed, int perByte) {
        fixedBytes = fixed;
        bytesPerByte = perByte;
        return this;
    }

    /** The longest the whole run may take before it is stopped as hung (120 s unless set). */
    public MutationFuzzer optTimeout(Duration limit) {
        timeout = limit;
        return this;
    }

    /** Runs every case against {@code reader}: each must read, or end in an expected refusal, within the bounds. */
    public void run(Reader reader) {
        if (inputs.isEmpty() || expected.isEmpty()) {
            throw new IllegalStateException(
                    "a fuzzer needs an input to mutate and the exceptions the reader may end in");
        }
        List<Mutation> mutations = new ArrayList<>(ByteMutations.all(order));
        mutations.addAll(formatMutations);
        assertTimeoutPreemptively(
                timeout,
                () -> runCases(mutations, reader),
                () -> "the cases did not finish in " + timeout + "; the last one started: " + current);
    }

    private void runCases(List<Mutation> mutations, Reader reader) {
        int read = 0;
        for (int i = 0; i < cases; i++) {
            Mutant mutant = mutant(i, mutations);
            current = "seed " + seed + ", case " + i + ": " + mutant.description() + " (replay with -Dlepton.fuzz.seed="
                    + seed + ")";
            read += readWithinBounds(reader, mutant.bytes()) ? 1 : 0;
        }
        if (read == 0 || read == cases) {
            fail("seed " + seed + ": " + read + " of " + cases
                    + " cases read; the mutations must damage some, not all");
        }
    }

    /** Case {@code i}: an input drawn, then one or more mutations of it (none once nothing is left of it). */
    private Mutant mutant(int i, List<Mutation> mutations) {
        Random random = new Random(seed * 1_000_003 + i);
        Input input = inputs.get(random.nextInt(inputs.size()));
        byte[] bytes = input.bytes();
        List<String> done = new ArrayList<>();
        for (int n = 1 + random.nextInt(mostMutations); n > 0 && bytes.length > 0; n--) {
            Mutant mutant = mutations.get(random.nextInt(mutations.size())).apply(bytes, random);
            bytes = mutant.bytes();
            done.add(mutant.description());
        }
        return new Mutant(bytes, input.name() + ", " + String.join(", then ", done));
    }

    /** Whether {@code reader} read {@code bytes}; fails unless it did or refused them in its own way, within bounds. */
    private boolean readWithinBounds(Reader reader, byte[] bytes) {
        long heapBefore = MemoryUse.allocatedByThisThread();
        long directBefore = MemoryUse.directBuffers();
        long started = System.nanoTime();
        boolean read = false;
        try {
            reader.read(bytes);
            read = true;
        } catch (Throwable thrown) { // an Error or a raw runtime exception fails as surely as a wrong read
            if (thrown instanceof AssertionError) { // the test's own check of what was read
                fail(current + " read wrongly: " + thrown.getMessage(), thrown);
            }
            if (expected.stream().noneMatch(refusal -> refusal.isInstance(thrown))) {
                fail(current + " ended in " + thrown + " rather than " + names(expected), thrown);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (took.compareTo(CASE_TIMEOUT) > 0) {
            fail(current + " took " + took.toSeconds() + " s, over the " + CASE_TIMEOUT.toSeconds()
                    + " s a case may take");
        }
        long heap = MemoryUse.allocatedByThisThread() - heapBefore;
        long direct = MemoryUse.directBuffers() - directBefore;
        long limit = fixedBytes + (long) bytesPerByte * bytes.length;
        if (heap > limit || direct > limit) {
            fail(current + " allocated " + heap + " bytes on the heap and " + direct + " in direct buffers for "
                    + bytes.length + " bytes of input (limit " + limit + " each)");
        }
        return read;
    }

    private static String names(List<Class<? extends Exception>> exceptions) {
        return exceptions.stream().map(Class::getSimpleName).collect(Collectors.joining(" or "));
    }
}
