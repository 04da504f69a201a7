package ai.lepton.runtime.serve;

import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.Prediction;
import ai.lepton.runtime.input.InputException;
import ai.lepton.runtime.input.JsonRows;
import ai.lepton.runtime.input.TooManyRowsException;
import ai.lepton.runtime.json.NotJsonException;
import ai.lepton.runtime.json.Utf8;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /predict}: one row (an object) or many (an array) in, one prediction or an array out. What a request
 * may cost is bounded before it is paid: a declared length over the limit is refused before the body is read, a body
 * without a length is refused, a turn ({@link Admission}) is taken before reading, the body is parsed as it arrives
 * (no tree of it is built, fields the model does not take are skipped unread) and refused at the row limit, and the
 * prediction runs on a platform thread ({@link PredictionThreads}). A refusal is sent at once with
 * {@code Connection: close}, then the rest of the body is read and dropped, up to twice {@code maxBody}, so that a
 * client that sends its whole body before it reads (as most do) gets the answer rather than a reset connection, even
 * for a body somewhat over the limit; a body declared longer is not waited for, and past that bound the connection is
 * closed.
 */
final class PredictEndpoint {

    private static final long CHUNKED = -1;
    private static final long NO_LENGTH = -2;

    private final LeptonModel model;
    private final int maxBody;
    private final int maxRows;
    private final Admission admission;
    private final PredictionThreads threads;
    private final ServingMetrics metrics;

    PredictEndpoint(
            LeptonModel model,
            int maxBody,
            int maxRows,
            Admission admission,
            PredictionThreads threads,
            ServingMetrics metrics) {
        this.model = model;
        this.maxBody = maxBody;
        this.maxRows = maxRows;
        this.admission = admission;
        this.threads = threads;
        this.metrics = metrics;
    }

    /** An answer: a body of JSON and, for a refusal, the kind of error the metrics count it as. */
    private record Answer(int status, String json, String errorKind) {

        static Answer refusal(int status, String errorKind, String message) {
            return new Answer(status, JsonReplies.error(message), errorKind);
        }
    }

    int handle(HttpExchange exchange) throws IOException {
        Answer answer = answer(exchange);
        if (answer.errorKind() == null) {
            return JsonReplies.send(exchange, answer.status(), answer.json());
        }
        metrics.error("/predict", answer.errorKind());
        exchange.getResponseHeaders().set("Connection", "close");
        if (answer.status() == 503) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        JsonReplies.send(exchange, answer.status(), answer.json());
        long discard = 2L * maxBody;
        if (declaredLength(exchange) <= discard) { // a chunked body too
            exchange.getRequestBody().skip(discard);
        }
        return answer.status();
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            return Answer.refusal(405, "method", "POST a JSON row (object) or rows (array) to /predict.");
        }
        long length = declaredLength(exchange);
        if (length == NO_LENGTH) {
            return Answer.refusal(
                    411,
                    "length_required",
                    "POST /predict needs a Content-Length header (or a chunked body): this server cannot read a body"
                            + " that ends when the connection does, as HTTP/1.0 sends one without a length.");
        }
        if (length > maxBody) {
            return tooLarge();
        }
        if (!admission.enter()) {
            return Answer.refusal(
                    503,
                    "busy",
                    "The server is predicting as many requests as it takes at once, and more are waiting; retry in a"
                            + " second.");
        }
        try {
            return predict(exchange);
        } finally {
            admission.leave();
        }
    }

    private Answer predict(HttpExchange exchange) throws IOException {
        JsonRows.Body body;
        try {
            body = JsonRows.body(
                    Utf8.reader(new BoundedBody(exchange.getRequestBody(), maxBody)), model.schema(), maxRows);
        } catch (BoundedBody.TooLargeException e) {
            return tooLarge();
        } catch (NotJsonException e) {
            return Answer.refusal(400, "bad_json", "The body is not JSON: " + e.getMessage() + ".");
        } catch (TooManyRowsException e) {
            return Answer.refusal(
                    413,
                    "too_many_rows",
                    "The body holds more than " + e.maxRows() + " rows, the most this server predicts in one request."
                            + " Send fewer rows per request, or start it with a larger --max-rows.");
        } catch (InputException e) {
            return Answer.refusal(400, "bad_input", e.getMessage());
        }
        List<Map<String, Object>> rows = body.rows();
        List<Prediction> predictions;
        try {
            predictions = threads.run(
                    () -> body.batch() ? model.predictBatch(rows) : List.of(model.predict(rows.getFirst())));
        } catch (InputException e) {
            return Answer.refusal(400, "bad_input", e.getMessage());
        }
        metrics.predicted(rows, predictions);
        Object answer = body.batch()
                ? predictions.stream().map(Prediction::asMap).toList()
                : predictions.getFirst().asMap();
        return new Answer(200, JsonReplies.GSON.toJson(answer), null);
    }

    private Answer tooLarge() {
        return Answer.refusal(
                413,
                "too_large",
                "The body is over " + maxBody + " bytes, the most this server accepts."
                        + " Send fewer rows per request, or start it with a larger --max-body.");
    }

    /**
     * The body's declared length; {@link #CHUNKED} when it comes in chunks, {@link #NO_LENGTH} when it declares none.
     * The JDK has refused any other transfer encoding, and a length that is not a number, before a handler runs.
     */
    private static long declaredLength(HttpExchange exchange) {
        if (exchange.getRequestHeaders().containsKey("Transfer-Encoding")) {
            return CHUNKED;
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        return length == null ? NO_LENGTH : Long.parseLong(length.strip());
    }
}
