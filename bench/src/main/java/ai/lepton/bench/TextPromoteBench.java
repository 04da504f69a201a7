package ai.lepton.bench;

import ai.lepton.Lepton;
import ai.lepton.Run;
import ai.lepton.base.Settings;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.prepare.HeldOutRows;
import ai.lepton.data.prepare.Preparation;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.promote.PromoteOptions;
import ai.lepton.promote.Promoted;
import ai.lepton.runtime.Inference;
import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.text.TextTokenizer;
import ai.lepton.runtime.weights.Precision;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.pretrained.ModelCatalog;
import com.google.gson.Gson;
import tech.tablesaw.api.Table;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Issue 18's text benchmark: all-MiniLM-L6-v2 fine-tuned (top 2 layers, 64 labels per section) on Debian package
 * descriptions, promoted at fp32, fp16 and int8; for each artifact its size, load time, single-text predict p50/p99 and
 * batch throughput on the held-out rows, and its accuracy there, beside the run's own model the notebook way
 * (the preparation on a one-row table, the tokenizer, the trained network). Prints one JSON line.
 */
public final class TextPromoteBench {

    private static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2";
    private static final int SINGLE_CALLS = 200;

    private TextPromoteBench() {}

    public static void main(String[] args) throws Exception {
        System.setProperty(
                Settings.HOME.property(),
                Files.createTempDirectory("lepton-text-promote-bench-").toString());
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the training view's lines
        Table packages = DataLoader.csv(Path.of(args[0]), CsvOptions.defaults()).table();
        Lepton.dataset("debian", packages);
        Lepton.prepare(
                "debian",
                PrepareOptions.builder("section")
                        .optText(List.of("description"))
                        .optDrop(List.of("package"))
                        .optStratify(true)
                        .optSplit(0.65, 0.1, 0.25)
                        .optSeed(3)
                        .build());
        Map<String, Object> result = new LinkedHashMap<>();
        TrainOptions options = TrainOptions.parse("pretrained: " + MINILM
                + "\nmax_length: 64\nbatch: 16\nepochs: 3\nlr: 2e-3\ntrainable: 2\nseed: 5\nmonitor: val_accuracy");
        try (Run run = Lepton.train(TrainingData.of(Lepton.prepared("debian")).perClass(64), "bench-top2", options);
                TextTokenizer tokenizer = TextTokenizer.open(
                        ModelCatalog.find(MINILM).orElseThrow().tokenizer(), 64)) {
            Preparation preparation = Lepton.prepared("debian").preparation();
            List<Map<String, Object>> rows = HeldOutRows.load(
                    Lepton.store().find(run.id()).lineage().heldOutSha256(), preparation.inputSchema());
            result.put("heldout_rows", rows.size());
            Table heldOut = HeldOutRows.table(rows, preparation);
            result.put(
                    "notebook_single_ms",
                    single(i -> notebook(run, tokenizer, preparation, heldOut.rows(i % rows.size()))));
            result.put(
                    "notebook_batch_texts_per_s",
                    throughput(() -> notebook(run, tokenizer, preparation, heldOut), rows.size()));
            for (Precision precision : Precision.values()) {
                Map<String, Object> measured = new LinkedHashMap<>();
                long start = System.nanoTime();
                Promoted promoted = Lepton.promote(
                        run.id(),
                        PromoteOptions.builder("sections-" + precision.label())
                                .optQuantize(precision)
                                .build());
                measured.put("promote_seconds", (System.nanoTime() - start) / 1e9);
                Path artifact = promoted.model().artifact();
                measured.put("artifact", artifact.toString());
                measured.put("artifact_bytes", Files.size(artifact));
                measured.put("load_ms_median", Timing.loadMillis(artifact, 3));
                try (LeptonModel model = LeptonModel.load(artifact)) {
                    measured.put("single_ms", single(i -> model.predict(rows.get(i % rows.size()))));
                    measured.put("batch_texts_per_s", throughput(() -> model.predictBatch(rows), rows.size()));
                    measured.put("test_accuracy", model.manifest().metrics().get("test_accuracy"));
                }
                result.put(precision.label(), measured);
            }
        }
        out.println(new Gson().toJson(result));
        System.exit(0);
    }

    /** The notebook way: the fitted preparation on a table, the tokenizer, then the trained network. */
    private static float[] notebook(Run run, TextTokenizer tokenizer, Preparation preparation, Table rows) {
        FeatureMatrix matrix = preparation.apply(rows);
        List<TextTokenizer.Tokens> tokens = tokenizer.encode(IntStream.range(0, matrix.rows())
                .mapToObj(row -> tokenizer.join(matrix.texts(row)))
                .toList());
        return Inference.outputs(run.model(), tokenizer, tokens, matrix.features(), matrix.columns(), true);
    }

    private static Map<String, Double> single(IntConsumer call) {
        return Timing.latency(call, 20, SINGLE_CALLS, 1e-3);
    }

    private static double throughput(Runnable batch, int rows) {
        return Timing.rate(batch, rows, 1, 1);
    }
}
