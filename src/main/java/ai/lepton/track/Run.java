package ai.lepton.track;

import ai.lepton.base.Sha256;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run being recorded: what a training loop logs into. Metrics are buffered and written in batches
 * (one transaction per batch, not per value); {@link #flush()} writes what is buffered, and finishing
 * the run flushes first. Closing a run that was never finished marks it FAILED, so a crash in
 * between never leaves it RUNNING with its metrics lost.
 */
public final class Run implements AutoCloseable {

    /** Metrics written in one transaction at most; the buffer flushes itself when it holds this many. */
    static final int BATCH = 512;

    private static final Gson GSON =
            new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private final RunStore store;
    private final String id;
    private final String name;
    private final List<MetricPoint> buffer = new ArrayList<>();
    private RunStatus status = RunStatus.RUNNING;

    Run(RunStore store, String id, String name) {
        this.store = store;
        this.id = id;
        this.name = name;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public synchronized RunStatus status() {
        return status;
    }

    public RunStore store() {
        return store;
    }

    /** Records hyperparameters (their text form). */
    public void params(Map<String, ?> params) {
        store.writer().params(id, params);
    }

    /** Records one metric value; written with the next batch. */
    public synchronized void metric(String metric, double value, long step, int epoch) {
        buffer.add(new MetricPoint(metric, step, epoch, value, System.currentTimeMillis()));
        if (buffer.size() >= BATCH) {
            flush();
        }
    }

    /** Writes buffered metrics now. */
    public synchronized void flush() {
        if (!buffer.isEmpty()) {
            store.writer().metrics(id, buffer);
            buffer.clear();
        }
    }

    /** Tags the run with a key of a person's own; Lepton's own tags are {@link #tag(Tag, String)}. */
    public void tag(String key, String value) {
        store.writer().tag(id, key, value);
    }

    /** Tags the run with one of the tags Lepton writes. */
    public void tag(Tag tag, String value) {
        tag(tag.key(), value);
    }

    /** Records what the run ran on; see {@link RunEnvironment}. */
    public void environment(Map<String, ?> facts) {
        store.writer().environment(id, GSON.toJson(facts));
    }

    /** Records what the run learnt from: the dataset and its fingerprint, the preparation, the held-out rows. */
    public void lineage(Lineage lineage) {
        store.writer().lineage(id, lineage);
    }

    /** Records a file the run produced under {@code path} (as the run names it), with its SHA-256. */
    public void artifact(String path, Path file) {
        try {
            store.writer().artifact(id, path, Sha256.of(file).hex(), Files.size(file));
        } catch (IOException e) {
            throw new TrackingException("Cannot record artifact " + file + " of run " + id + ": " + e.getMessage(), e);
        }
    }

    /** Flushes and marks the run ended with {@code status}. A finished run stays as it is. */
    public synchronized void finish(RunStatus finalStatus) {
        if (finalStatus == RunStatus.RUNNING) {
            throw new IllegalArgumentException("a run finishes as FINISHED, FAILED, INTERRUPTED or PRUNED");
        }
        if (status != RunStatus.RUNNING) {
            return;
        }
        flush();
        store.writer().finish(id, finalStatus);
        status = finalStatus;
    }

    /** Ends the run as FAILED unless it was finished: the code around it did not get that far. */
    @Override
    public void close() {
        finish(RunStatus.FAILED);
    }
}
