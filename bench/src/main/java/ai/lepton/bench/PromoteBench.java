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
import ai.lepton.runtime.model.Architecture;
import ai.lepton.train.TrainOptions;
import com.google.gson.Gson;
import tech.tablesaw.api.Table;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Issue 6's runtime benchmark: a penguins MLP is trained and promoted, then the artifact's load time, single-row
 * predict latency (p50, p99) and batch throughput are measured in the runtime and, side by side, for the same
 * model the notebook way (the Tablesaw preparation applied to a table, then the trained DJL model). Prints one JSON
 * line, with the artifact's path for the serve benchmark.
 */
public final class PromoteBench {

    private static final int SINGLE_CALLS = 20_000;
    private static final int BATCH_ROWS = 4096;

    private PromoteBench() {}

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("lepton-promote-bench-");
        System.setProperty(Settings.HOME.property(), home.toString());
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the training view's lines
        Table penguins = DataLoader.csv(Path.of(args[0]), CsvOptions.defaults()).table();
        Lepton.dataset("penguins", penguins);
        Lepton.prepare(
                "penguins",
                PrepareOptions.builder("species").optStratify(true).optSeed(3).build());
        Map<String, Object> result = new LinkedHashMap<>();
        try (Run run = Lepton.train(
                "penguins",
                "bench-mlp",
                TrainOptions.builder()
                        .optHidden(64, 32)
                        .optEpochs(10)
                        .optSeed(1)
                        .build())) {
            long start = System.nanoTime();
            Promoted promoted = Lepton.promote(run.id(), PromoteOptions.named("penguins-bench"));
            result.put("promote_seconds", (System.nanoTime() - start) / 1e9);
            Path artifact = promoted.model().artifact();
            result.put("artifact", artifact.toString());
            result.put("artifact_bytes", Files.size(artifact));
            result.put("load_ms_median", Timing.loadMillis(artifact, 10));
            Preparation preparation = Lepton.prepared("penguins").preparation();
            List<Map<String, Object>> rows = HeldOutRows.load(
                    Lepton.store().find(run.id()).lineage().heldOutSha256(), preparation.inputSchema());
            Architecture architecture =
                    Architecture.fromJson(Files.readString(run.weights().resolve(Architecture.FILE)));
            try (LeptonModel model = LeptonModel.load(artifact)) {
                result.put("runtime_single_us", singleRow(i -> model.predict(rows.get(i % rows.size()))));
                result.put(
                        "notebook_single_us",
                        singleRow(
                                i -> notebook(run, architecture, preparation, penguins.rows(i % penguins.rowCount()))));
                List<Map<String, Object>> batch = new ArrayList<>();
                while (batch.size() < BATCH_ROWS) {
                    batch.addAll(rows.subList(0, Math.min(rows.size(), BATCH_ROWS - batch.size())));
                }
                int[] indices = new int[BATCH_ROWS];
                Arrays.setAll(indices, i -> i % penguins.rowCount());
                Table batchTable = penguins.rows(indices).dropRowsWithMissingValues();
                result.put("runtime_batch_rows_per_s", throughput(() -> model.predictBatch(batch), BATCH_ROWS));
                result.put(
                        "notebook_batch_rows_per_s",
                        throughput(() -> notebook(run, architecture, preparation, batchTable), batchTable.rowCount()));
            }
        }
        out.println(new Gson().toJson(result));
        System.exit(0);
    }

    /** The notebook way: the fitted preparation on a Tablesaw table, then the trained model. */
    private static float[] notebook(Run run, Architecture architecture, Preparation preparation, Table rows) {
        FeatureMatrix matrix = preparation.apply(rows);
        return Inference.outputs(run.model(), architecture, matrix.features(), matrix.rows(), true);
    }

    private static Map<String, Double> singleRow(IntConsumer call) {
        return Timing.latency(call, 2000, SINGLE_CALLS, 1e-6);
    }

    private static double throughput(Runnable batch, int rows) {
        return Timing.rate(batch, rows, 5, 50);
    }
}
