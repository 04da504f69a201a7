package ai.lepton.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Feeds seeded mutations of a valid file to a reader of untrusted bytes. Each must end in success or the reader's own
 * exception, without a hang (the whole run has a generous limit, and each case a limit too) and without allocating more
 * than a fixed amount plus a multiple of its own size. A failure names the seed, the case and the mutation, so it can be
 * replayed: case {@code i} of seed {@code s} is always the same mutation.
 */
public final class MutationFuzzer {

    /** A mutated file and what was done to it. */
    public record Mutant(byte[] bytes, String description) {}

    /** One way to damage a file. */
    @FunctionalInterface
    public interface Mutation {
        Mutant apply(byte[] valid, Random random);
    }

    /** The reader under test. */
    @FunctionalInterface
    public interface Reader {
        void read(byte[] bytes) throws Exception;
    }

    /** Values a length or size field is overwritten with: the edges where arithmetic and allocation break. */
    public static final long[] EXTREMES = {
        -1,
        -8,
        0,
        1,
        0x7f,
        0xff,
        0x7fff_ffffL,
        0x8000_0000L,
        0xffff_ffffL,
        1L << 40,
        (1L << 62) + 1,
        Long.MAX_VALUE,
        Long.MIN_VALUE
    };

    /** Damage any format survives or refuses: flipped bits, a cut, inserted or repeated bytes, a 64-bit overwrite. */
    public static final List<Mutation> BYTES = List.of(
            (valid, random) -> {
                byte[] bytes = valid.clone();
                int flips = 1 + random.nextInt(4);
                StringBuilder at = new StringBuilder();
                for (int i = 0; i < flips; i++) {
                    int position = random.nextInt(bytes.length);
                    int bit = random.nextInt(8);
                    bytes[position] ^= (byte) (1 << bit);
                    at.append(' ').append(position).append('.').append(bit);
                }
                return new Mutant(bytes, "bits flipped at" + at);
            },
            (valid, random) -> {
                int length = random.nextInt(valid.length);
                return new Mutant(Arrays.copyOf(valid, length), "cut to " + length + " bytes");
            },
            (valid, random) -> {
                byte[] inserted = new byte[1 + random.nextInt(16)];
                random.nextBytes(inserted);
                int at = random.nextInt(valid.length + 1);
                return new Mutant(
                        splice(valid, at, 0, inserted), HexFormat.of().formatHex(inserted) + " inserted at " + at);
            },
            (valid, random) -> {
                int from = random.nextInt(valid.length);
                int length = 1 + random.nextInt(Math.min(64, valid.length - from));
                int at = random.nextInt(valid.length + 1);
                return new Mutant(
                        splice(valid, at, 0, Arrays.copyOfRange(valid, from, from + length)),
                        "bytes " + from + " to " + (from + length) + " repeated at " + at);
            },
            (valid, random) -> {
                int at = random.nextInt(Math.max(1, valid.length - 7));
                long value = EXTREMES[random.nextInt(EXTREMES.length)];
                byte[] bytes = Arrays.copyOf(valid, Math.max(valid.length, at + 8));
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
                return new Mutant(bytes, "64-bit " + value + " written at " + at);
            });

    private final long seed;
    private final int cases;
    private final List<Mutation> mutations = new ArrayList<>();
    private Class<? extends Exception> own = Exception.class;
    private long fixedBytes = 4 << 20;
    private int bytesPerByte = 64;

    private volatile String current = "none yet";

    private MutationFuzzer(long seed, int cases) {
        this.seed = seed;
        this.cases = cases;
    }

    /** {@code cases} mutations drawn from {@code seed}. */
    public static MutationFuzzer of(long seed, int cases) {
        return new MutationFuzzer(seed, cases);
    }

    /** Adds mutations to draw from (each equally likely). */
    public MutationFuzzer setMutations(List<Mutation> more) {
        mutations.addAll(more);
        return this;
    }

    /** The reader's own exception: the only one allowed to end a case. */
    public MutationFuzzer setExpected(Class<? extends Exception> exception) {
        own = exception;
        return this;
    }

    /** The most a case may allocate: {@code fixed} bytes plus {@code perByte} for each byte of its input. */
    public MutationFuzzer optAllocationLimit(long fixed, int perByte) {
        fixedBytes = fixed;
        bytesPerByte = perByte;
        return this;
    }

    /** Runs every case against {@code reader}; returns how many ended in success, the rest in the reader's exception. */
    public int run(byte[] valid, Reader reader) {
        System.out.println("fuzzing with seed " + seed + ": " + cases + " cases");
        return assertTimeoutPreemptively(
                Duration.ofSeconds(120), () -> runCases(valid, reader), () -> "hung on " + current);
    }

    private int runCases(byte[] valid, Reader reader) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int succeeded = 0;
        for (int i = 0; i < cases; i++) {
            Random random = new Random(seed * 1_000_003 + i);
            Mutant mutant = mutations.get(random.nextInt(mutations.size())).apply(valid, random);
            current = "seed " + seed + ", case " + i + ": " + mutant.description();
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long started = System.nanoTime();
            try {
                reader.read(mutant.bytes());
                succeeded++;
            } catch (Exception e) {
                if (!own.isInstance(e)) {
                    fail(current + " threw " + e, e);
                }
            } catch (Throwable e) { // StackOverflowError, OutOfMemoryError: never acceptable
                fail(current + " threw " + e, e);
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            if (seconds > 10) { // a hang guard, not a timing
                fail(current + " took " + seconds + " s");
            }
            long used = threads.getCurrentThreadAllocatedBytes() - allocated;
            long limit = fixedBytes + (long) bytesPerByte * mutant.bytes().length;
            if (used > limit) {
                fail(current + " allocated " + used + " bytes for " + mutant.bytes().length + " (limit " + limit + ")");
            }
        }
        return succeeded;
    }

    /** {@code bytes} with {@code removed} bytes at {@code at} replaced by {@code inserted}. */
    public static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        byte[] out = new byte[bytes.length - removed + inserted.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(bytes, at + removed, out, at + inserted.length, bytes.length - at - removed);
        return out;
    }
}
