package ai.lepton.runtime.serve;

import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.Prediction;
import ai.lepton.runtime.input.InputException;
import ai.lepton.runtime.input.JsonRows;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
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
 * {@code GET /health}; {@code GET /metadata} gives the manifest and schema. A bad row is a 400 naming the field.
 */
public final class PredictServer {

    private static final Gson GSON = new GsonBuilder()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create();

    private final HttpServer server;
    private final ExecutorService executor;
    private final LeptonModel model;

    private PredictServer(HttpServer server, ExecutorService executor, LeptonModel model) {
        this.server = server;
        this.executor = executor;
        this.model = model;
    }

    /** Starts serving {@code model} on {@code host:port} (port 0: any free port). */
    public static PredictServer start(LeptonModel model, String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        PredictServer predictServer = new PredictServer(server, executor, model);
        server.createContext("/predict", predictServer::predict);
        server.createContext(
                "/health",
                exchange -> predictServer.reply(
                        exchange,
                        200,
                        "{\"status\":\"ok\",\"model\":\"" + model.name() + "\",\"version\":\"" + model.version()
                                + "\"}"));
        server.createContext("/metadata", predictServer::metadata);
        server.start();
        return predictServer;
    }

    public String address() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        executor.close();
    }

    private void predict(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            reply(exchange, 405, error("POST a JSON row (object) or rows (array) to /predict."));
            return;
        }
        JsonElement body;
        try {
            body = JsonParser.parseString(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            reply(exchange, 400, error("The body is not JSON: " + e.getMessage()));
            return;
        }
        try {
            if (body.isJsonArray()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (JsonElement row : body.getAsJsonArray()) {
                    if (!row.isJsonObject()) {
                        throw new InputException("Every row in the array must be a JSON object of field to value.");
                    }
                    rows.add(JsonRows.row(row.getAsJsonObject()));
                }
                reply(
                        exchange,
                        200,
                        GSON.toJson(model.predictBatch(rows).stream()
                                .map(Prediction::asMap)
                                .toList()));
            } else if (body.isJsonObject()) {
                reply(
                        exchange,
                        200,
                        GSON.toJson(model.predict(JsonRows.row(body.getAsJsonObject()))
                                .asMap()));
            } else {
                reply(exchange, 400, error("POST a JSON object (one row) or an array of objects."));
            }
        } catch (InputException e) {
            reply(exchange, 400, error(e.getMessage()));
        }
    }

    private void metadata(HttpExchange exchange) throws IOException {
        JsonObject metadata = new JsonObject();
        metadata.add("manifest", model.manifest());
        metadata.add("schema", JsonParser.parseString(model.schema().toJson()));
        reply(exchange, 200, GSON.toJson(metadata));
    }

    private static String error(String message) {
        JsonObject error = new JsonObject();
        error.addProperty("error", message);
        return GSON.toJson(error);
    }

    private void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
