package ai.lepton.runtime.cli;

import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.Prediction;
import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.input.InputException;
import ai.lepton.runtime.serve.PredictServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The runtime from the shell: {@code predict ARTIFACT --input rows.csv|rows.jsonl [--output FILE]},
 * {@code serve ARTIFACT [--port P] [--host H]} and {@code info ARTIFACT}. ARTIFACT is a file, {@code classpath:...}
 * or Maven coordinates. Errors go to standard error with exit code 2; nothing is half-written.
 */
public final class RuntimeMain {

    private RuntimeMain() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (ArtifactException | InputException | UsageException e) {
            System.err.println("lepton: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("lepton: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) throws IOException {
        if (args.length < 2) {
            throw new UsageException("usage: predict ARTIFACT --input ROWS [--output FILE] | serve ARTIFACT [--port P] | info ARTIFACT");
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "predict" -> predict(args[1], options);
            case "serve" -> serve(args[1], options);
            case "info" -> {
                try (LeptonModel model = LeptonModel.load(args[1])) {
                    System.out.println(model + (model.signatureVerified() ? " (signature verified)" : ""));
                }
            }
            default -> throw new UsageException("unknown command '" + args[0] + "'; the runtime knows predict, serve and info.");
        }
    }

    private static void predict(String artifact, Map<String, String> options) throws IOException {
        String input = options.get("input");
        if (input == null) {
            throw new UsageException("predict needs --input rows.csv or rows.jsonl");
        }
        try (LeptonModel model = LeptonModel.load(artifact)) {
            List<Map<String, Object>> rows = RowFiles.read(Path.of(input), model.schema());
            List<Prediction> predictions = model.predictBatch(rows);
            String output = options.get("output");
            String text = RowFiles.format(predictions, model.schema(), output != null && output.toLowerCase().endsWith(".csv"));
            if (output == null) {
                System.out.print(text);
                return;
            }
            Path target = Path.of(output).toAbsolutePath();
            Path temporary = Files.createTempFile(target.getParent(), ".predictions-", ".tmp");
            Files.writeString(temporary, text);
            Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            System.err.println("lepton: " + predictions.size() + " predictions written to " + target);
        }
    }

    private static void serve(String artifact, Map<String, String> options) throws IOException {
        int port = Integer.parseInt(options.getOrDefault("port", "8080"));
        LeptonModel model = LeptonModel.load(artifact);
        PredictServer server = PredictServer.start(model, options.getOrDefault("host", "127.0.0.1"), port);
        System.err.println("lepton: serving " + model + " on http://" + server.address() + " (POST /predict, GET /health, GET /metadata)");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            model.close();
        }));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 2; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new UsageException("options come as --name value; got '" + args[i] + "'" + (i + 1 >= args.length ? " without a value" : ""));
            }
            String name = args[i].substring(2);
            if (!List.of("input", "output", "port", "host").contains(name)) {
                throw new UsageException("unknown option --" + name + "; the runtime knows --input, --output, --port and --host.");
            }
            options.put(name, args[i + 1]);
        }
        return options;
    }

    /** A command line the runtime cannot follow. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
