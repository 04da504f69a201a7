package ai.lepton.runtime.serve;

import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.artifact.ManifestJson;
import ai.lepton.runtime.monitor.InputHealth;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A JSON prediction endpoint on the JDK's HTTP server, one virtual thread per request:
 * {@code POST /predict} with one row (an object) or many (an array) gives one prediction or an array
 * ({@link PredictEndpoint}); {@code GET /health}; {@code GET /metadata} gives the manifest (as {@link ManifestJson} writes it) and schema;
 * {@code GET /metrics} what monitoring scrapes ({@link ServingMetrics}). Every request is answered, whatever goes
 * wrong: a 4xx names what is wrong with it, a 503 says the server is busy or short of memory, a 500 is a defect (its
 * answer gives an error id, and the one line stderr gets about it the same id). What a request may cost is bounded: its
 * body's bytes and rows, the time to send it and to answer it, the connections open, the requests read and predicted at
 * once ({@link Builder}); predictions run on platform threads ({@link PredictionThreads}), so that the request threads
 * stay free to answer {@code /health} and to turn requests away. {@link #stop} lets the requests in flight finish.
 */
public final class PredictServer {

    /** The largest request body accepted unless told otherwise: 8 MiB. */
    public static final int DEFAULT_MAX_BODY = 8 << 20;

    /** The most rows predicted in one request unless told otherwise. */
    public static final int DEFAULT_MAX_ROWS = 10_000;

    /** How long a client may take to send a request (headers and body), in seconds, unless told otherwise. */
    public static final int DEFAULT_REQUEST_TIMEOUT = 30;

    /**
     * How long the server may take to answer a request once it has been read, in seconds, unless told otherwise: the
     * time to predict (10,000 rows of a large model take a while on a CPU) and the time the client takes to read.
     */
    public static final int DEFAULT_RESPONSE_TIMEOUT = 180;

    /** The most connections open at once unless told otherwise. */
    public static final int DEFAULT_MAX_CONNECTIONS = 256;

    /** How many requests may wait for a turn to predict before more are told to retry. */
    private static final int DEFAULT_WAITING = 64;

    /** How long stopping waits for requests in flight, in seconds. */
    private static final int DRAIN_SECONDS = 10;

    private final HttpServer server;
    private final ExecutorService executor;
    private final PredictionThreads predictionThreads;
    private final ServingMetrics metrics;

    private PredictServer(Builder settings, String host, int port) throws IOException {
        LeptonModel model = settings.model;
        this.metrics = new ServingMetrics(
                new InputHealth(model.schema(), model.profile()), model::truncatedTexts, settings.metrics);
        this.server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        // a request waits for a turn before its body is read, while its request timeout runs: at most half of it
        Admission admission = new Admission(settings.atOnce, settings.waiting, settings.requestTimeout * 1000L / 2);
        this.predictionThreads = new PredictionThreads(settings.atOnce);
        PredictEndpoint predict =
                new PredictEndpoint(model, settings.maxBody, settings.maxRows, admission, predictionThreads, metrics);
        route("/predict", predict::handle);
        route("/health", exchange -> {
            JsonObject health = new JsonObject();
            health.addProperty("status", "ok");
            health.addProperty("model", model.name());
            health.addProperty("version", model.version());
            return JsonReplies.send(exchange, 200, JsonReplies.GSON.toJson(health));
        });
        route("/metadata", exchange -> {
            JsonObject metadata = new JsonObject();
            metadata.add("manifest", JsonParser.parseString(ManifestJson.write(model.manifest())));
            metadata.add("schema", JsonParser.parseString(model.schema().toJson()));
            return JsonReplies.send(exchange, 200, JsonReplies.GSON.toJson(metadata));
        });
        route("/metrics", this::metrics);
        server.start();
    }

    /** Starts serving {@code model} on {@code host:port} (port 0: any free port) with the default limits and metrics. */
    public static PredictServer start(LeptonModel model, String host, int port) throws IOException {
        return builder(model).start(host, port);
    }

    /** Settings for serving {@code model}, each with a default, then {@link Builder#start}. */
    public static Builder builder(LeptonModel model) {
        return new Builder(model);
    }

    /** How a server is started: its limits and whether it counts metrics. */
    public static final class Builder {

        private final LeptonModel model;
        private int maxBody = DEFAULT_MAX_BODY;
        private int maxRows = DEFAULT_MAX_ROWS;
        private int requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int atOnce = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        private int waiting = DEFAULT_WAITING;
        private boolean metrics = true;

        private Builder(LeptonModel model) {
            this.model = model;
        }

        /** Request bodies over {@code bytes} are refused with 413. */
        public Builder optMaxBody(int bytes) {
            this.maxBody = positive("maxBody", bytes);
            return this;
        }

        /** A request of more than {@code rows} rows is refused with 413 when its next row arrives. */
        public Builder optMaxRows(int rows) {
            this.maxRows = positive("maxRows", rows);
            return this;
        }

        /**
         * A client gets {@code seconds} to send a request, headers and body (also to send the first byte of a new
         * connection); past it the connection is closed. The JDK applies it to every server in the JVM.
         */
        public Builder optRequestTimeout(int seconds) {
            this.requestTimeout = positive("requestTimeout", seconds);
            return this;
        }

        /**
         * The server gets {@code seconds} to answer a request once it has been read whole: to predict, and to write the
         * answer to a client that reads it; past it the connection is closed, unanswered or with the answer cut short.
         * The JDK applies it to every server in the JVM.
         */
        public Builder optResponseTimeout(int seconds) {
            this.responseTimeout = positive("responseTimeout", seconds);
            return this;
        }

        /** Connections past {@code connections} open at once are closed as they arrive. For every server in the JVM. */
        public Builder optMaxConnections(int connections) {
            this.maxConnections = positive("maxConnections", connections);
            return this;
        }

        /**
         * {@code atOnce} requests are read and predicted at once (default: twice the CPUs, at least 4), {@code waiting}
         * more wait for a turn (default 64, for at most half the request timeout); the rest are answered 503 with
         * {@code Retry-After}.
         */
        public Builder optConcurrency(int atOnce, int waiting) {
            this.atOnce = positive("atOnce", atOnce);
            if (waiting < 0) {
                throw new IllegalArgumentException("waiting is " + waiting + "; give 0 or more.");
            }
            this.waiting = waiting;
            return this;
        }

        /** {@code false}: nothing is counted, and {@code /metrics} answers 404. */
        public Builder optMetrics(boolean metrics) {
            this.metrics = metrics;
            return this;
        }

        /** Starts serving on {@code host:port} (port 0: any free port). */
        public PredictServer start(String host, int port) throws IOException {
            // before the JDK's server class reads them
            JdkServerLimits.apply(requestTimeout, responseTimeout, maxConnections);
            return new PredictServer(this, host, port);
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " is " + value + "; give a positive number.");
            }
            return value;
        }
    }

    public String address() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting connections, lets the requests in flight finish (up to 10 s), then stops. */
    public void stop() {
        server.stop(DRAIN_SECONDS);
        executor.close();
        predictionThreads.close();
    }

    /** A handler that answers with a status code, counted in the metrics. */
    @FunctionalInterface
    private interface Handler {
        int handle(HttpExchange exchange) throws IOException;
    }

    /**
     * Serves {@code path} with {@code handler}, answering whatever it throws: a client that went away (or ran out of
     * time) gets nothing, as nothing can reach it; memory running short is a 503; anything else a defect, a 500.
     */
    private void route(String path, Handler handler) {
        server.createContext(path, exchange -> {
            long start = System.nanoTime();
            try {
                int status;
                try {
                    status = handler.handle(exchange);
                } catch (IOException e) { // the connection broke or timed out: no one to answer
                    metrics.error(path, "aborted");
                    return;
                } catch (OutOfMemoryError e) {
                    status = fail(exchange, path, 503, "out_of_memory", e);
                } catch (Throwable e) { // a defect, not the caller's fault: say so, and keep serving
                    status = fail(exchange, path, 500, "internal", e);
                }
                metrics.request(path, status, System.nanoTime() - start);
            } finally {
                exchange.close();
            }
        });
    }

    /**
     * Answers a request its handler failed on (if its answer was not begun) and says why on one line of stderr. The
     * answer says what the client can do and gives an error id, never the exception (its text can name internals);
     * the line on stderr has the same id, the exception and where it was thrown.
     */
    private int fail(HttpExchange exchange, String path, int status, String kind, Throwable e) {
        metrics.error(path, kind);
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String where = e.getStackTrace().length == 0 ? "" : " at " + e.getStackTrace()[0];
        System.err.println("lepton serve: error " + id + ": " + exchange.getRequestMethod() + " " + path + " answered "
                + status + ": " + e.toString().lines().findFirst().orElse("") + where);
        String message = status == 503
                ? "The server is short of memory (error " + id + "); retry in a second, or send fewer rows per request."
                : "The server failed to answer through a defect of its own (error " + id + "); please report it with"
                        + " that id, which its log names.";
        try {
            exchange.getResponseHeaders().set("Connection", "close");
            if (status == 503) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            JsonReplies.send(exchange, status, JsonReplies.error(message));
        } catch (IOException | RuntimeException | OutOfMemoryError again) {
            // the answer was begun, or the connection is gone: nothing more can be said
        }
        return status;
    }

    private int metrics(HttpExchange exchange) throws IOException {
        if (!metrics.enabled()) {
            return JsonReplies.send(exchange, 404, JsonReplies.error("This server was started with --metrics off."));
        }
        return JsonReplies.send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.text());
    }
}
