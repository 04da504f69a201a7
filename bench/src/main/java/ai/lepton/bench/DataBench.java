package ai.lepton.bench;

import ai.djl.basicdataset.tabular.CsvDataset;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.lepton.data.batch.BatchDataset;
import ai.lepton.data.duckdb.DuckDb;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.load.DataWriter;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.data.prepare.Prepared;
import ai.lepton.data.prepare.Preparer;
import org.apache.commons.csv.CSVFormat;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Data benchmarks of issue 3, on a generated table of mixed numeric and text columns with missing
 * values: {@code generate PATH ROWS MISSING_SHARE}, {@code load PATH}, {@code batches PATH COMPLETE_PATH}.
 */
public final class DataBench {

    static final int NUMERIC = 21;
    static final int TEXT = 8;
    static final int BATCH = 256;
    static final int MEASURED_BATCHES = 400;

    private DataBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, Object> results = switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), Double.parseDouble(args[3]));
            case "load" -> loadAndPrepare(Path.of(args[1]));
            case "batches" -> batches(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("commands: generate, load, batches");
        };
        StringBuilder json = new StringBuilder("{");
        results.forEach((key, value) -> json.append(json.length() > 1 ? ", " : "")
                .append('"')
                .append(key)
                .append("\": ")
                .append(value instanceof String ? "\"" + value + "\"" : value));
        System.out.println(json.append('}'));
    }

    /** 30 columns: 21 numeric, 8 text with 4–40 categories, and the binary target; {@code missing} of the cells empty. */
    static Map<String, Object> generate(Path file, int rows, double missing) throws IOException {
        Random random = new Random(20261123);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            StringBuilder header = new StringBuilder();
            for (int c = 0; c < NUMERIC; c++) {
                header.append("n").append(c).append(',');
            }
            for (int c = 0; c < TEXT; c++) {
                header.append("t").append(c).append(',');
            }
            out.write(header.append("target\n").toString());
            StringBuilder line = new StringBuilder();
            for (int row = 0; row < rows; row++) {
                line.setLength(0);
                double signal = 0;
                for (int c = 0; c < NUMERIC; c++) {
                    double value = random.nextGaussian() * (c + 1) + c;
                    signal += c < 3 ? value / (c + 1) : 0;
                    if (random.nextDouble() >= missing) {
                        line.append(String.format(Locale.ROOT, "%.4f", value));
                    }
                    line.append(',');
                }
                for (int c = 0; c < TEXT; c++) {
                    if (random.nextDouble() >= missing) {
                        line.append("v").append(random.nextInt(4 + c * 5));
                    }
                    line.append(',');
                }
                out.write(line.append(signal + random.nextGaussian() > 1 ? "yes" : "no")
                        .append('\n')
                        .toString());
            }
        }
        return Map.of("rows", rows, "bytes", Files.size(file));
    }

    /**
     * (a) Lepton's checked load; (b) Lepton's prepare; peak memory of those; then Tablesaw's own read, the table saved
     * as Parquet and loaded back, and a group-by in SQL over it.
     */
    static Map<String, Object> loadAndPrepare(Path file) {
        Map<String, Object> results = new LinkedHashMap<>();
        // DuckDB's first use in a JVM unpacks its native library: an engine start, as pandas' import is for Python
        long start = System.nanoTime();
        DuckDb.query("SELECT 1 AS one", "warm-up");
        results.put("duckdb_start_s", (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        Table table = DataLoader.csv(file, CsvOptions.defaults()).table();
        results.put("lepton_load_s", (System.nanoTime() - start) / 1e9);
        results.put("rows", table.rowCount());
        start = System.nanoTime();
        Prepared prepared =
                Preparer.prepare(table, PrepareOptions.builder("target").build());
        results.put("lepton_prepare_s", (System.nanoTime() - start) / 1e9);
        results.put("features", prepared.train().columns());
        results.put("peak_rss_mib", peakResidentMebibytes());
        // after the peak: Tablesaw's reader holds the whole text and a second table
        results.put(
                "tablesaw_read_s",
                seconds(() -> Table.read()
                        .usingOptions(CsvReadOptions.builder(file.toFile()).build())));
        Path parquet = file.resolveSibling(file.getFileName() + ".parquet");
        results.put("lepton_save_parquet_s", seconds(() -> {
            DataWriter.save(table, parquet);
            return parquet;
        }));
        results.put(
                "lepton_parquet_load_s",
                seconds(() -> DataLoader.load(parquet, CsvOptions.defaults()).table()));
        results.put(
                "lepton_sql_groupby_s", seconds(() -> DuckDb.query(SQL_GROUP_BY, Map.of("data", table), "grouped")));
        return results;
    }

    /** The group-by of the SQL benchmark; data_bench.py runs the same in pandas. */
    static final String SQL_GROUP_BY =
            "SELECT t0, t1, avg(n0) AS n0, max(n5) AS n5, count(*) AS n FROM data GROUP BY t0, t1";

    /**
     * (c) batches of 256 per second: Lepton's bridge (with and without prefetch), DJL's per-record path
     * (one NDArray per row, stacked), DJL's ArrayDataset (one NDArray, gathered per batch natively), DJL's CsvDataset.
     */
    static Map<String, Object> batches(Path file, Path complete) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        Prepared prepared = Preparer.prepare(
                DataLoader.csv(file, CsvOptions.defaults()).table(),
                PrepareOptions.builder("target").build());
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchDataset lepton = BatchDataset.builder(
                            prepared.train(), prepared.preparation().task())
                    .optBatchSize(BATCH)
                    .optShuffle(1)
                    .optPrefetch(true)
                    .build();
            results.put("lepton_batches_per_s", batchesPerSecond(lepton, manager));
            BatchDataset leptonInline = BatchDataset.builder(
                            prepared.train(), prepared.preparation().task())
                    .optBatchSize(BATCH)
                    .optShuffle(1)
                    .build();
            results.put("lepton_no_prefetch_batches_per_s", batchesPerSecond(leptonInline, manager));

            results.put(
                    "djl_per_record_batches_per_s",
                    batchesPerSecond(new PerRecordDataset(prepared.train(), BATCH), manager));

            NDArray features = manager.create(
                    prepared.train().features(),
                    new Shape(prepared.train().rows(), prepared.train().columns()));
            NDArray labels = manager.create(prepared.train().labels());
            ArrayDataset perRecord = new ArrayDataset.Builder()
                    .setData(features)
                    .optLabels(labels)
                    .setSampling(BATCH, true)
                    .build();
            results.put("djl_arraydataset_batches_per_s", batchesPerSecond(perRecord, manager));

            CsvDataset.CsvBuilder<?> csv = CsvDataset.builder()
                    .optCsvFile(complete)
                    .setSampling(BATCH, true)
                    .setCsvFormat(CSVFormat.DEFAULT
                            .builder()
                            .setHeader()
                            .setSkipHeaderRecord(true)
                            .get());
            for (int c = 0; c < NUMERIC; c++) {
                csv.addNumericFeature("n" + c);
            }
            for (int c = 0; c < TEXT; c++) {
                csv.addCategoricalFeature("t" + c);
            }
            CsvDataset djlCsv = csv.addCategoricalLabel("target").build();
            long start = System.nanoTime();
            djlCsv.prepare();
            results.put("djl_csvdataset_prepare_s", (System.nanoTime() - start) / 1e9);
            results.put("djl_csvdataset_batches_per_s", batchesPerSecond(djlCsv, manager));
        }
        return results;
    }

    private static double batchesPerSecond(Dataset dataset, NDManager manager) throws Exception {
        Iterator<Batch> batches = dataset.getData(manager).iterator();
        for (int i = 0; i < 20 && batches.hasNext(); i++) {
            batches.next().close(); // warm-up
        }
        long start = System.nanoTime();
        int count = 0;
        while (count < MEASURED_BATCHES && batches.hasNext()) {
            try (Batch batch = batches.next()) {
                batch.getData().head().getShape(); // the batch exists on the device
            }
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double seconds(Supplier<?> work) {
        long start = System.nanoTime();
        work.get();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Peak resident memory (VmHWM) of this process in MiB, or -1 where /proc is not there. */
    static long peakResidentMebibytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmHWM:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
