package ai.lepton.runtime.serve;

import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.Prediction;
import ai.lepton.runtime.input.InputException;
import ai.lepton.runtime.input.JsonRows;
import ai.lepton.runtime.monitor.InputHealth;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JSON prediction endpoint on the JDK's HTTP server, one virtual thread per request:
 * {@code POST /predict} with one row (an object) or many (an array) gives one prediction or an array;
 * {@code GET /health}; {@code GET /metadata} gives the manifest and schema; {@code GET /metrics} what monitoring scrapes
 * ({@link ServingMetrics}). A bad row is a 400 naming the field, a body over the size limit a 413. {@link #stop} lets the
 * requests in flight finish.
 */
public final class PredictServer {

    /** The largest request body accepted unless told otherwise: 8 MiB. */
    public static final int DEFAULT_MAX_BODY = 8 << 20;

    /** How much of an oversized body is read and dropped before the 413 is sent. */
    private static final long DISCARD_LIMIT = 256L << 20;

    /** How long stopping waits for requests in flight, in seconds. */
    private static final int DRAIN_SECONDS = 10;

    private static final Gson GSON = new GsonBuilder()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create();

    private final HttpServer server;
    private final ExecutorService executor;
    private final LeptonModel model;
    private final int maxBody;
    private final ServingMetrics metrics;

    private PredictServer(
            HttpServer server, ExecutorService executor, LeptonModel model, int maxBody, boolean metrics) {
        this.server = server;
        this.executor = executor;
        this.model = model;
        this.maxBody = maxBody;
        this.metrics =
                new ServingMetrics(new InputHealth(model.schema(), model.profile()), model::truncatedTexts, metrics);
    }

    /** Starts serving {@code model} on {@code host:port} (port 0: any free port), with metrics. */
    public static PredictServer start(LeptonModel model, String host, int port) throws IOException {
        return start(model, host, port, DEFAULT_MAX_BODY, true);
    }

    /**
     * Starts serving, refusing request bodies over {@code maxBody} bytes; {@code metrics} false counts nothing and
     * answers {@code /metrics} with 404.
     */
    public static PredictServer start(LeptonModel model, String host, int port, int maxBody, boolean metrics)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        PredictServer predictServer = new PredictServer(server, executor, model, maxBody, metrics);
        predictServer.route("/predict", predictServer::predict);
        predictServer.route(
                "/health",
                exchange -> predictServer.reply(
                        exchange,
                        200,
                        "{\"status\":\"ok\",\"model\":\"" + model.name() + "\",\"version\":\"" + model.version()
                                + "\"}"));
        predictServer.route("/metadata", predictServer::metadata);
        predictServer.route("/metrics", predictServer::metrics);
        server.start();
        return predictServer;
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
    }

    /** A handler that answers with a status code, counted in the metrics. */
    @FunctionalInterface
    private interface Handler {
        int handle(HttpExchange exchange) throws IOException;
    }

    private void route(String path, Handler handler) {
        server.createContext(path, exchange -> {
            long start = System.nanoTime();
            int status;
            try {
                status = handler.handle(exchange);
            } catch (RuntimeException e) { // a defect, not the caller's fault: say so, and keep serving
                metrics.error(path, "internal");
                status = reply(exchange, 500, error("Lepton internal error (please report it): " + e));
            }
            metrics.request(path, status, System.nanoTime() - start);
        });
    }

    private int predict(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            metrics.error("/predict", "method");
            return reply(exchange, 405, error("POST a JSON row (object) or rows (array) to /predict."));
        }
        byte[] bytes = body(exchange);
        if (bytes == null) {
            metrics.error("/predict", "too_large");
            return reply(
                    exchange,
                    413,
                    error("The body is over " + maxBody + " bytes, the most this server accepts."
                            + " Send fewer rows per request, or start it with a larger --max-body."));
        }
        JsonElement body;
        try {
            body = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            metrics.error("/predict", "bad_json");
            return reply(exchange, 400, error("The body is not JSON: " + e.getMessage()));
        }
        try {
            List<Map<String, Object>> rows = new ArrayList<>();
            if (body.isJsonArray()) {
                for (JsonElement row : body.getAsJsonArray()) {
                    if (!row.isJsonObject()) {
                        throw new InputException("Every row in the array must be a JSON object of field to value.");
                    }
                    rows.add(JsonRows.row(row.getAsJsonObject()));
                }
            } else if (body.isJsonObject()) {
                rows.add(JsonRows.row(body.getAsJsonObject()));
            } else {
                throw new InputException("POST a JSON object (one row) or an array of objects.");
            }
            List<Prediction> predictions =
                    body.isJsonArray() ? model.predictBatch(rows) : List.of(model.predict(rows.getFirst()));
            metrics.predicted(rows, predictions);
            Object answer = body.isJsonArray()
                    ? predictions.stream().map(Prediction::asMap).toList()
                    : predictions.getFirst().asMap();
            return reply(exchange, 200, GSON.toJson(answer));
        } catch (InputException e) {
            metrics.error("/predict", "bad_input");
            return reply(exchange, 400, error(e.getMessage()));
        }
    }

    /**
     * The request body, or null when it is longer than {@code maxBody}. A longer body is read on without being kept (up
     * to a bound), so that the client, still sending, gets the 413 rather than a reset connection.
     */
    private byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(maxBody + 1);
            if (bytes.length <= maxBody) {
                return bytes;
            }
            long discarded = 0;
            for (long skipped; discarded < DISCARD_LIMIT && (skipped = in.skip(1 << 16)) > 0; ) {
                discarded += skipped;
            }
            return null;
        }
    }

    private int metadata(HttpExchange exchange) throws IOException {
        JsonObject metadata = new JsonObject();
        metadata.add("manifest", model.manifest());
        metadata.add("schema", JsonParser.parseString(model.schema().toJson()));
        return reply(exchange, 200, GSON.toJson(metadata));
    }

    private int metrics(HttpExchange exchange) throws IOException {
        if (!metrics.enabled()) {
            return reply(exchange, 404, error("This server was started with --metrics off."));
        }
        byte[] bytes = metrics.text().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return 200;
    }

    private static String error(String message) {
        JsonObject error = new JsonObject();
        error.addProperty("error", message);
        return GSON.toJson(error);
    }

    private int reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }
}
