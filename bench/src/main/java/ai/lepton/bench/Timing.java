package ai.lepton.bench;

import ai.lepton.runtime.LeptonModel;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.IntConsumer;

/** How the runtime benchmarks time calls: latency percentiles of one call, and rows per second of a batch. */
final class Timing {

    private Timing() {}

    /** p50 and p99 of {@code calls} calls of {@code call} (given the call's number), after {@code warmUp}, in {@code unit} seconds. */
    static Map<String, Double> latency(IntConsumer call, int warmUp, int calls, double unit) {
        for (int i = 0; i < warmUp; i++) {
            call.accept(i);
        }
        double[] times = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            call.accept(i);
            times[i] = (System.nanoTime() - t) / 1e9 / unit;
        }
        return Map.of("p50", percentile(times, 0.5), "p99", percentile(times, 0.99));
    }

    /** Rows per second of {@code batch} (of {@code rows} rows) over {@code repeats} runs after {@code warmUp}. */
    static double rate(Runnable batch, int rows, int warmUp, int repeats) {
        for (int i = 0; i < warmUp; i++) {
            batch.run();
        }
        long t = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            batch.run();
        }
        return repeats * (double) rows / ((System.nanoTime() - t) / 1e9);
    }

    /** The median time, in milliseconds, of {@code times} loads of the artifact at {@code artifact} (verified, then closed). */
    static double loadMillis(Path artifact, int times) {
        double[] millis = new double[times];
        for (int i = 0; i < times; i++) {
            long t = System.nanoTime();
            LeptonModel.load(artifact).close();
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        return percentile(millis, 0.5);
    }

    static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }
}
