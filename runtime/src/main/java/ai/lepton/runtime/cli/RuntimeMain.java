package ai.lepton.runtime.cli;

import ai.lepton.base.AtomicFiles;
import ai.lepton.base.CommandExit;
import ai.lepton.base.LeptonException;
import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.Prediction;
import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.input.InputException;
import ai.lepton.runtime.serve.PredictServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The runtime from the shell: {@code predict ARTIFACT --input rows.csv|rows.jsonl|IMAGES [--output FILE]} (IMAGES: a
 * folder, an image file or a .txt list of them, for an image model),
 * {@code serve ARTIFACT [--port P] [--host H] [--max-body BYTES] [--max-rows N] [--request-timeout SECONDS]
 * [--response-timeout SECONDS] [--max-connections N] [--metrics on|off]} and {@code info ARTIFACT}. ARTIFACT is a
 * file, {@code classpath:...} or Maven coordinates. Errors go to standard error with exit code 2; nothing is
 * half-written.
 */
public final class RuntimeMain {

    private static final String USAGE =
            "usage: predict ARTIFACT --input ROWS [--output FILE] | serve ARTIFACT [--port P] [--host H] [--max-body BYTES]"
                    + " [--max-rows N] [--request-timeout SECONDS] [--response-timeout SECONDS] [--max-connections N]"
                    + " [--metrics on|off]"
                    + " | info ARTIFACT";

    private RuntimeMain() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (ArtifactException
                | InputException
                | UsageException
                | LeptonException
                | IOException
                | UncheckedIOException e) { // a damaged artifact, bad input or a bad setting: the message says which
            CommandExit.refuse(e);
        }
    }

    private static void run(String[] args) throws IOException {
        if (args.length < 2) {
            throw new UsageException(USAGE);
        }
        Map<String, String> options = CommandOptions.parse(
                args,
                2,
                List.of(
                        "input",
                        "output",
                        "port",
                        "host",
                        "max-body",
                        "max-rows",
                        "request-timeout",
                        "response-timeout",
                        "max-connections",
                        "metrics"),
                USAGE);
        switch (args[0]) {
            case "predict" -> predict(args[1], options);
            case "serve" -> serve(args[1], options);
            case "info" -> {
                try (LeptonModel model = LeptonModel.load(args[1])) {
                    System.out.println(model + (model.signatureVerified() ? " (signature verified)" : ""));
                }
            }
            default ->
                throw new UsageException(
                        "unknown command '" + args[0] + "'; the runtime knows predict, serve and info.");
        }
    }

    private static void predict(String artifact, Map<String, String> options) throws IOException {
        String input = options.get("input");
        if (input == null) {
            throw new UsageException("predict needs --input rows.csv or rows.jsonl (or, for an image model, a folder of"
                    + " images, an image file, or a .txt list of image files)");
        }
        try (LeptonModel model = LeptonModel.load(artifact)) {
            List<Map<String, Object>> rows = RowFiles.read(Path.of(input), model.schema());
            List<Prediction> predictions = model.predictBatch(rows);
            String output = options.get("output");
            String text = RowFiles.format(
                    predictions,
                    rows,
                    model.schema(),
                    output != null && output.toLowerCase().endsWith(".csv"));
            if (output == null) {
                System.out.print(text);
                return;
            }
            Path target = Path.of(output).toAbsolutePath();
            AtomicFiles.write(target, text);
            System.err.println("lepton: " + predictions.size() + " predictions written to " + target);
        }
    }

    private static void serve(String artifact, Map<String, String> options) throws IOException {
        int port = port(options.getOrDefault("port", "8080"));
        int maxBody =
                positive(options, "max-body", PredictServer.DEFAULT_MAX_BODY, "the largest request body in bytes");
        int maxRows = positive(options, "max-rows", PredictServer.DEFAULT_MAX_ROWS, "the most rows in one request");
        int requestTimeout = positive(
                options,
                "request-timeout",
                PredictServer.DEFAULT_REQUEST_TIMEOUT,
                "the seconds a client may take to send a request");
        int responseTimeout = positive(
                options,
                "response-timeout",
                PredictServer.DEFAULT_RESPONSE_TIMEOUT,
                "the seconds the server may take to predict and write an answer");
        int maxConnections = positive(
                options, "max-connections", PredictServer.DEFAULT_MAX_CONNECTIONS, "the most connections open at once");
        String metrics = options.getOrDefault("metrics", "on");
        if (!metrics.equals("on") && !metrics.equals("off")) {
            throw new UsageException("--metrics takes on or off, not '" + metrics + "'.");
        }
        LeptonModel model = LeptonModel.load(artifact);
        PredictServer server = PredictServer.builder(model)
                .optMaxBody(maxBody)
                .optMaxRows(maxRows)
                .optRequestTimeout(requestTimeout)
                .optResponseTimeout(responseTimeout)
                .optMaxConnections(maxConnections)
                .optMetrics(metrics.equals("on"))
                .start(options.getOrDefault("host", "127.0.0.1"), port);
        System.err.println("lepton: serving " + model + " on http://" + server.address()
                + " (POST /predict, GET /health, GET /metadata, GET /metrics); SIGTERM or Ctrl-C stops it after the"
                + " requests in flight");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            model.close();
        }));
    }

    /** Option {@code --name}: a positive whole number, {@code fallback} when not given; else refused saying {@code what}. */
    private static int positive(Map<String, String> options, String name, int fallback, String what) {
        String text = options.getOrDefault(name, String.valueOf(fallback));
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException("--" + name + " takes " + what + " (such as " + fallback + "), not '" + text + "'.");
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException("--port takes a port number from 0 (any free port) to 65535, not '" + text + "'.");
    }
}
