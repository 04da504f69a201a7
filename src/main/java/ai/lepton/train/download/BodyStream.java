package ai.lepton.train.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as a stream that gives up when the server stalls: each read waits at most the stall timeout for
 * the next piece (the JDK's own body stream waits forever), a thread interrupt ends the wait at once, and closing it
 * cancels the body, so nothing more is read than was asked for. One piece is requested at a time, so a fast server
 * never fills memory ahead of the reader.
 */
final class BodyStream extends InputStream implements BodySubscriber<BodyStream> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private final Deque<ByteBuffer> pieces = new ArrayDeque<>();
    private final Duration stall;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private boolean ended;

    BodyStream(Duration stall) {
        this.stall = stall;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (cancelled) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrived.add(item);
    }

    @Override
    public void onError(Throwable failure) {
        arrived.add(failure);
    }

    @Override
    public void onComplete() {
        arrived.add(END);
    }

    @Override
    public CompletionStage<BodyStream> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        while (pieces.isEmpty()) {
            if (ended) {
                return -1;
            }
            next();
        }
        ByteBuffer piece = pieces.peek();
        int count = Math.min(length, piece.remaining());
        piece.get(into, offset, count);
        if (!piece.hasRemaining()) {
            pieces.remove();
        }
        return count;
    }

    /** Waits for the next piece of the body, at most the stall timeout, and asks for the one after. */
    @SuppressWarnings("unchecked")
    private void next() throws IOException {
        Object item;
        try {
            item = arrived.poll(stall.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt(); // the caller sees the interrupt too
            throw new InterruptedIOException("interrupted");
        }
        if (item == null) {
            close();
            throw new HttpTimeoutException("nothing arrived for " + stall.toMillis() + " ms");
        }
        if (item == END) {
            ended = true;
        } else if (item instanceof Throwable failure) {
            ended = true;
            throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
        } else {
            ((List<ByteBuffer>) item).stream().filter(ByteBuffer::hasRemaining).forEach(pieces::add);
            subscription.request(1);
        }
    }

    /** Cancels the rest of the body: the connection closes instead of carrying on. */
    @Override
    public void close() {
        cancelled = true;
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }
}
