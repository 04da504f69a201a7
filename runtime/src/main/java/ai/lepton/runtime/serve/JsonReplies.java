package ai.lepton.runtime.serve;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Answers in JSON, written and flushed; the server closes each exchange once its handler returns. */
final class JsonReplies {

    static final Gson GSON = new GsonBuilder()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create();

    private JsonReplies() {}

    /** Sends {@code json} with {@code status}; returns the status, for the metrics. */
    static int send(HttpExchange exchange, int status, String json) throws IOException {
        return send(exchange, status, "application/json", json);
    }

    /** Sends {@code text} of {@code contentType} with {@code status}. */
    static int send(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes);
        out.flush();
        return status;
    }

    /** {@code {"error": message}}. */
    static String error(String message) {
        JsonObject error = new JsonObject();
        error.addProperty("error", message);
        return GSON.toJson(error);
    }
}
