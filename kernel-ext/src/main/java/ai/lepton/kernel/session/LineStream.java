package ai.lepton.kernel.session;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The session JVM's output on its way to Jupyter's stream messages, passed on in whole lines. JShell carries it in
 * packets of 127 bytes, each flushed on arrival, which cut words — and UTF-8 characters — across messages. Here a
 * complete line goes on at once; the start of a line (a {@code print} without newline, a progress bar) goes on at most
 * {@value #WAIT_MILLIS} ms after it arrived, or once {@value #LONGEST} bytes wait — never inside a character.
 */
final class LineStream extends OutputStream {

    static final long WAIT_MILLIS = 50;
    static final int LONGEST = 8192;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "lepton-output-lines");
        thread.setDaemon(true);
        return thread;
    });

    private final OutputStream target;
    private byte[] pending = new byte[256];
    private int size;
    private ScheduledFuture<?> due;

    LineStream(OutputStream target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (size + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, size + length));
        }
        System.arraycopy(bytes, offset, pending, size, length);
        size += length;
        int lines = size;
        while (lines > 0 && pending[lines - 1] != '\n') {
            lines--;
        }
        if (lines == 0 && size >= LONGEST) {
            lines = characterBoundary(size);
        }
        forward(lines);
        if (size > 0 && (due == null || due.isDone())) {
            due = TIMER.schedule(this::drain, WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Passes on the complete lines only: JShell flushes after every packet, which must not cut a line. */
    @Override
    public void flush() {}

    /** Passes on everything waiting, a line's start too: at the end of a cell. */
    synchronized void drain() {
        forward(characterBoundary(size));
        try {
            target.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The largest length up to {@code end} that does not end inside a UTF-8 character. */
    private int characterBoundary(int end) {
        int start = end;
        while (start > 0 && (pending[start - 1] & 0xC0) == 0x80 && end - start < 3) {
            start--; // continuation bytes
        }
        if (start > 0 && (pending[start - 1] & 0x80) != 0) {
            int lead = pending[start - 1] & 0xFF;
            int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            return end - (start - 1) >= needed ? end : start - 1;
        }
        return end;
    }

    private void forward(int length) {
        if (length <= 0) {
            return;
        }
        try {
            target.write(pending, 0, length);
            target.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.arraycopy(pending, length, pending, 0, size - length);
        size -= length;
    }
}
