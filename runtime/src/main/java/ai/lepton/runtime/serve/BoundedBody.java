package ai.lepton.runtime.serve;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that may not run past {@code maxBody} bytes: a body sent in chunks declares no length to refuse
 * up front, so it is counted as it is read.
 */
final class BoundedBody extends FilterInputStream {

    /** A body longer than the server takes. */
    static final class TooLargeException extends IOException {
        TooLargeException() {
            super("the body is longer than the server takes");
        }
    }

    private final long maxBody;
    private long read;

    BoundedBody(InputStream body, long maxBody) {
        super(body);
        this.maxBody = maxBody;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] into, int off, int len) throws IOException {
        int n = super.read(into, off, len);
        count(Math.max(n, 0));
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long bytes) throws TooLargeException {
        read += bytes;
        if (read > maxBody) {
            throw new TooLargeException();
        }
    }
}
