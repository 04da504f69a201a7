package ai.lepton.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.lepton.base.Settings;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.data.batch.TextBatches;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.data.prepare.Prepared;
import ai.lepton.data.prepare.Preparer;
import ai.lepton.runtime.text.TextTokenizer;
import ai.lepton.track.RunStore;
import ai.lepton.track.Tag;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingResult;
import ai.lepton.train.listener.TrainingListener;
import ai.lepton.train.listener.TrainingProgress;
import ai.lepton.train.loop.Training;
import ai.lepton.train.pretrained.HuggingFaceFolder;
import ai.lepton.train.pretrained.ModelCatalog;
import com.google.gson.Gson;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Issue 17's fine-tuning benchmark, the Java side; {@code bench/finetune_bench.py} runs the peers and makes the table.
 *
 * <ul>
 *   <li>{@code speed MODE ROWS EPOCHS IDS_JSON}: Lepton fine-tunes all-MiniLM-L6-v2 on ROWS Debian descriptions that fill
 *       64 word pieces (batch 16, AdamW), in one of the modes full, no_embeddings, lora, top2; prints the last epoch's
 *       samples per second, the trainable values and the peak resident memory, and writes the token ids and labels it
 *       trained on to IDS_JSON for PyTorch to train the same batches.
 *   <li>{@code accuracy RECIPE PER_CLASS... SPLIT_JSON}: accuracy on the held-out test rows (a stratified 30 %) after
 *       training on PER_CLASS labelled rows per section, for the recipes pretrained (top 2 layers), probe, lora, full and
 *       scratch; writes the
 *       rows it used to SPLIT_JSON for TF-IDF + logistic regression.
 * </ul>
 */
public final class FinetuneBench {

    static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2";
    static final int TOKENS = 64;
    /** Accuracy reads more of each description than the speed runs: most are longer than 64 word pieces. */
    static final int ACCURACY_TOKENS = Integer.getInteger("lepton.bench.tokens", 128);

    private static final Gson GSON = new Gson();
    private static final Map<String, String> SPEED_MODES = Map.of(
            "full", "trainable: -1\ntrain_embeddings: true",
            "no_embeddings", "trainable: -1",
            "lora", "lora: 8",
            "top2", "trainable: 2");
    /** How each accuracy recipe trains, with epochs per labels-per-class size chosen so every size sees ~1,000 rows. */
    private static final Map<String, String> RECIPES = Map.of(
            "pretrained", "trainable: 2\nlr: 2e-3\nbackbone_lr: 0.05",
            "probe", "trainable: 0\nlr: 5e-3\nepochs: 100",
            "lora", "lora: 8\nlr: 2e-3",
            "full", "trainable: -1\nlr: 2e-3\nbackbone_lr: 0.025",
            "scratch", "init: random\nlr: 5e-4");

    private FinetuneBench() {}

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("lepton-bench-");
        System.setProperty(Settings.HOME.property(), home.toString());
        Table packages = DataLoader.csv(Path.of("datasets", "debian-packages.csv"), CsvOptions.defaults())
                .table();
        Map<String, Object> results = switch (args[0]) {
            case "speed" -> {
                HuggingFaceFolder minilm = ModelCatalog.find(MINILM).orElseThrow();
                TrainingData data = speedData(packages, minilm, Integer.parseInt(args[2]), Path.of(args[4]));
                yield speed(data, minilm, "cpu", args[1], Integer.parseInt(args[3]));
            }
            case "accuracy" -> accuracy(packages, args);
            default -> throw new IllegalArgumentException("speed or accuracy, not " + args[0]);
        };
        results.put("peak_rss_mib", DataBench.peakResidentMebibytes());
        System.out.println(GSON.toJson(results));
    }

    /** The settings every run shares; {@code model} is a hub id or a folder. */
    private static String common(String model, String device, int epochs, int tokens) {
        return "pretrained: " + model + "\nmax_length: " + tokens + "\nbatch: 16\noptimizer: adamw\nweight_decay: 0.01"
                + "\ndevice: " + device + "\nrestore_best: false\nseed: 7\n"
                + (epochs > 0 ? "epochs: " + epochs + "\n" : "");
    }

    /**
     * The first {@code rows} descriptions that fill all 64 word pieces, prepared for {@link #speed}; their token ids and
     * labels go to {@code idsFile}, where the PyTorch peer reads the same batches.
     */
    static TrainingData speedData(Table packages, HuggingFaceFolder minilm, int rows, Path idsFile) throws Exception {
        Prepared prepared = Preparer.prepare(packages, options(0.99, 0.0));
        FeatureMatrix pool = prepared.train();
        List<TextTokenizer.Tokens> tokens;
        try (TextTokenizer tokenizer = TextTokenizer.open(minilm.tokenizer(), TOKENS)) {
            tokens = tokenizer.encode(Arrays.asList(pool.texts().getFirst().values()));
        }
        int[] full = IntStream.range(0, pool.rows())
                .filter(row -> tokens.get(row).ids().length == TOKENS)
                .limit(rows)
                .toArray();
        FeatureMatrix train = pool.select(full);
        List<long[]> ids = new ArrayList<>();
        for (int row : full) {
            ids.add(tokens.get(row).ids());
        }
        Files.writeString(
                idsFile,
                GSON.toJson(Map.of(
                        "ids",
                        ids,
                        "labels",
                        train.labels(),
                        "classes",
                        prepared.preparation().labels().size(),
                        "model",
                        minilm.folder().toString())));
        return new TrainingData(
                train,
                prepared.validation(),
                Task.CLASSIFICATION,
                prepared.preparation().labels(),
                new long[] {0},
                "Debian descriptions of 64 word pieces");
    }

    /** Fine-tunes {@code minilm} on {@code data} ({@link #speedData}) on {@code device} in {@code mode}. */
    static Map<String, Object> speed(
            TrainingData data, HuggingFaceFolder minilm, String device, String mode, int epochs) throws Exception {
        LastRate rate = new LastRate();
        Map<String, Object> results = new LinkedHashMap<>();
        try (RunStore store = RunStore.open(Settings.STORE.get());
                TrainingResult result = Training.train(
                        store,
                        "speed-" + mode,
                        data,
                        TrainOptions.parse(common(minilm.folder().toString(), device, epochs, TOKENS)
                                + "lr: 1e-4\nbackbone_lr: 1\n" + SPEED_MODES.get(mode)),
                        rate)) {
            results.put("mode", mode);
            results.put("samples_per_second", rate.samplesPerSecond);
            results.put(
                    "trainable_values",
                    Long.parseLong(store.find(result.runId()).tag(Tag.CHECKPOINT_VALUES)));
        }
        return results;
    }

    private static PrepareOptions options(double train, double test) {
        return PrepareOptions.builder("section")
                .optDrop(List.of("package"))
                .optText(List.of("description"))
                .optSplit(train, 1 - train - test, test)
                .optStratify(true)
                .optSeed(42)
                .build();
    }

    private static Map<String, Object> accuracy(Table packages, String[] args) throws Exception {
        String recipe = args[1];
        Path splitFile = Path.of(args[args.length - 1]);
        Prepared prepared = Preparer.prepare(packages, options(0.7, 0.3));
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("test", prepared.testRows());
        results.put("recipe", recipe);
        for (int i = 2; i < args.length - 1; i++) {
            int perClass = Integer.parseInt(args[i]);
            int[] picks =
                    perClass(prepared.train(), prepared.preparation().labels().size(), perClass);
            split.put(
                    String.valueOf(perClass),
                    Arrays.stream(picks).map(p -> prepared.trainRows()[p]).toArray());
            TrainingData data = new TrainingData(
                    prepared.train().select(picks),
                    prepared.validation(),
                    Task.CLASSIFICATION,
                    prepared.preparation().labels(),
                    new long[] {0},
                    perClass + " labelled descriptions per section");
            int epochs = RECIPES.get(recipe).contains("epochs:") ? 0 : Math.max(4, Math.min(30, 1000 / picks.length));
            long started = System.nanoTime();
            try (RunStore store = RunStore.open(Settings.STORE.get());
                    TrainingResult result = Training.train(
                            store,
                            recipe + "-" + perClass,
                            data,
                            TrainOptions.parse(common(MINILM, "cpu", epochs, ACCURACY_TOKENS)
                                    + "warmup: 1\nschedule: linear\n" + RECIPES.get(recipe)))) {
                results.put(perClass + "_accuracy", accuracy(result.model(), prepared.test()));
                results.put(perClass + "_seconds", (System.nanoTime() - started) / 1e9);
            }
        }
        Files.writeString(splitFile, GSON.toJson(split));
        return results;
    }

    /** The first {@code count} rows of each class, in the pool's (shuffled) order. */
    private static int[] perClass(FeatureMatrix pool, int classes, int count) {
        int[] taken = new int[classes];
        return IntStream.range(0, pool.rows())
                .filter(row -> taken[(int) pool.labels()[row]]++ < count)
                .toArray();
    }

    private static double accuracy(Model model, FeatureMatrix test) throws Exception {
        HuggingFaceFolder minilm = ModelCatalog.find(MINILM).orElseThrow();
        int correct = 0;
        try (TextTokenizer tokenizer = TextTokenizer.open(minilm.tokenizer(), ACCURACY_TOKENS);
                NDManager manager = model.getNDManager().newSubManager()) {
            TextBatches batches = TextBatches.builder(test, Task.CLASSIFICATION)
                    .optBatchSize(64)
                    .build(tokenizer);
            int row = 0;
            for (Batch batch : batches.epochData(manager, 0)) {
                try (batch) {
                    long[] predicted = model.getBlock()
                            .forward(new ParameterStore(manager, false), batch.getData(), false)
                            .head()
                            .argMax(1)
                            .toLongArray();
                    for (long label : predicted) {
                        correct += label == (long) test.labels()[row++] ? 1 : 0;
                    }
                }
            }
        }
        return (double) correct / test.rows();
    }

    /** The samples per second of the last epoch, as the loop measured it (training steps only). */
    private static final class LastRate implements TrainingListener {
        private double samplesPerSecond;

        @Override
        public void onProgress(TrainingProgress progress) {
            samplesPerSecond = progress.samplesPerSecond();
        }
    }
}
