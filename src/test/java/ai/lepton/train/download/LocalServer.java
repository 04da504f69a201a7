package ai.lepton.train.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file server on the loopback address for download tests, answering as a real one would: files with their length or
 * chunked, redirects, and the ways servers misbehave — a body far over any limit that goes on as long as the client
 * reads, a body that stalls, a body that trickles. It counts the requests for each path and the bytes it wrote. The
 * same server is reached as two hosts: {@code 127.0.0.1} and {@code localhost}.
 */
public final class LocalServer implements AutoCloseable {

    private static final byte[] ZEROS = new byte[64 * 1024];

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> written = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> answered = new ConcurrentHashMap<>();

    public LocalServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.start();
    }

    /** {@code path} on this server, reached as {@code 127.0.0.1}. */
    public String url(String path) {
        return url("127.0.0.1", path);
    }

    /** {@code path} on this server, reached as {@code host} (127.0.0.1 or localhost). */
    public String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    /** Serves {@code body} at {@code path} with its length declared. */
    public LocalServer file(String path, byte[] body) {
        return handle(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            write(path, exchange.getResponseBody(), body, body.length);
        });
    }

    /** Serves {@code body} at {@code path} chunked: no length declared. */
    public LocalServer chunked(String path, byte[] body) {
        return handle(path, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            write(path, exchange.getResponseBody(), body, body.length);
        });
    }

    /** Answers {@code path} with {@code status} and a {@code Location} header. */
    public LocalServer redirect(String path, int status, String location) {
        return handle(path, exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
        });
    }

    /** Answers {@code path} with {@code status} and a short text. */
    public LocalServer status(String path, int status) {
        byte[] text = "no such file".getBytes();
        return handle(path, exchange -> {
            exchange.sendResponseHeaders(status, text.length);
            exchange.getResponseBody().write(text);
        });
    }

    /** Zeros at {@code path} for as long as the client reads them, {@code declared} bytes declared (0: chunked). */
    public LocalServer endless(String path, long declared) {
        return handle(path, exchange -> {
            exchange.sendResponseHeaders(200, declared);
            OutputStream out = exchange.getResponseBody();
            for (long left = declared == 0 ? Long.MAX_VALUE : declared; left > 0; left -= ZEROS.length) {
                write(path, out, ZEROS, (int) Math.min(left, ZEROS.length));
            }
        });
    }

    /** {@code declared} bytes declared at {@code path}, {@code first} of them sent, then nothing until closed. */
    public LocalServer stalling(String path, long declared, int first) {
        return handle(path, exchange -> {
            exchange.sendResponseHeaders(200, declared);
            write(path, exchange.getResponseBody(), new byte[first], first);
            exchange.getResponseBody().flush();
            awaitRelease();
        });
    }

    /** {@code declared} zeros at {@code path}, a kibibyte every {@code pauseMillis}, until closed or all sent. */
    public LocalServer trickling(String path, long declared, long pauseMillis) {
        return handle(path, exchange -> {
            exchange.sendResponseHeaders(200, declared);
            OutputStream out = exchange.getResponseBody();
            for (long left = declared; left > 0 && released.getCount() > 0; left -= 1024) {
                write(path, out, ZEROS, (int) Math.min(left, 1024));
                out.flush();
                sleep(pauseMillis);
            }
        });
    }

    /** How many requests {@code path} had. */
    public int requests(String path) {
        return requests.computeIfAbsent(path, key -> new AtomicInteger()).get();
    }

    /** The bytes of body written to {@code path}'s clients so far. */
    public long written(String path) {
        return written.computeIfAbsent(path, key -> new AtomicLong()).get();
    }

    /**
     * Waits until {@code path}'s last answer ended — its body complete, or its client gone (a write failed) — and says
     * whether it did within the seconds given.
     */
    public boolean ended(String path, int seconds) throws InterruptedException {
        return answered.computeIfAbsent(path, key -> new CountDownLatch(1)).await(seconds, TimeUnit.SECONDS);
    }

    private interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private LocalServer handle(String path, Answer answer) {
        HttpHandler handler = exchange -> {
            requests.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
            try (exchange) {
                answer.answer(exchange);
            } catch (IOException e) {
                // the client went away: what a server sees when a download is stopped
            } finally {
                answered.computeIfAbsent(path, key -> new CountDownLatch(1)).countDown();
            }
        };
        server.createContext(path, handler);
        return this;
    }

    private void write(String path, OutputStream out, byte[] bytes, int count) throws IOException {
        out.write(bytes, 0, count);
        written.computeIfAbsent(path, key -> new AtomicLong()).addAndGet(count);
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
