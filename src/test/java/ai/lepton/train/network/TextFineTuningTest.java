package ai.lepton.train.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.lepton.IsolatedHome;
import ai.lepton.base.Notice;
import ai.lepton.base.Notices;
import ai.lepton.base.Settings;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.batch.TextBatches;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.data.prepare.Preparer;
import ai.lepton.runtime.model.BertEncoder;
import ai.lepton.runtime.model.TextBackbone;
import ai.lepton.runtime.text.TextTokenizer;
import ai.lepton.runtime.weights.SafeTensors;
import ai.lepton.runtime.weights.Tensor;
import ai.lepton.track.MetricPoint;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;
import ai.lepton.track.Tag;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingResult;
import ai.lepton.train.loop.Training;
import ai.lepton.train.loop.TrainingTest;
import ai.lepton.train.pretrained.HuggingFaceFolder;
import ai.lepton.train.pretrained.ModelCatalog;
import ai.lepton.train.pretrained.TinyBert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fine-tuning the shipped all-MiniLM-L6-v2 on Debian package descriptions labelled by archive section (8 sections),
 * with the real encoder, tokenizer and training loop, on slices small enough for two CPU cores.
 */
@ExtendWith(IsolatedHome.class)
class TextFineTuningTest {

    static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2";

    private static RunStore store;
    private static Table packages;
    private static HuggingFaceFolder minilm;

    @BeforeAll
    static void setUp() {
        store = RunStore.open("jdbc:sqlite:" + Settings.HOME.get().resolve("runs.db"));
        packages = DataLoader.csv(Path.of("..", "datasets", "debian-packages.csv"), CsvOptions.defaults())
                .table();
        minilm = ModelCatalog.find(MINILM).orElseThrow();
    }

    @AfterAll
    static void tearDown() {
        store.close();
    }

    /** The first {@code count} packages of each section, prepared with their description as text. */
    static TrainingData perSection(Table packages, int count, double trainShare) {
        Table slice = packages.emptyCopy();
        for (String section : packages.stringColumn("section").unique().asList().stream()
                .sorted()
                .toList()) {
            slice.append(packages.where(packages.stringColumn("section").isEqualTo(section))
                    .first(count));
        }
        return TrainingData.of(Preparer.prepare(
                slice,
                PrepareOptions.builder("section")
                        .optDrop(List.of("package"))
                        .optText(List.of("description"))
                        .optSplit(trainShare, 1 - trainShare, 0.0)
                        .optStratify(true)
                        .build()));
    }

    private static TrainingResult train(String name, TrainingData data, String yaml) {
        return Training.train(
                store,
                name,
                data,
                TrainOptions.parse("pretrained: " + MINILM + "\nmax_length: 48\nbatch: 16\nseed: 3\n" + yaml),
                new TrainingTest.RecordingView(-1));
    }

    @Test
    void aFrozenProbeBeatsChanceByAWideMargin() {
        try (TrainingResult probe =
                train("probe", perSection(packages, 16, 0.5), "epochs: 40\nlr: 3e-3\nmonitor: val_accuracy")) {
            // chance is 1 in 8
            assertTrue(
                    probe.metrics().get("val_accuracy") > 0.6, probe.metrics().toString());
            RunRecord run = store.find(probe.runId());
            assertEquals(
                    "0 of 6 backbone blocks frozen".replace("0 of", "6 of") + "; embeddings frozen",
                    run.tags().get("fine_tuning"));
        }
    }

    /**
     * The run — the shipped MiniLM, epochs: 4 and nothing else — on 40 descriptions per section (192 to train,
     * 128 to validate; texts cut at 64 word pieces to keep the encoder's passes short), against scikit-learn's default
     * logistic regression fitted to convergence on the same frozen embeddings ({@link ConvergedLogisticRegression}).
     * Before probes took enough passes, the head got 12 updates and ended far below it with its loss still falling.
     */
    @Test
    void aFrozenProbeWithDefaultHyperparametersReachesAConvergedLogisticRegressionOnTheSameEmbeddings() {
        TrainingData data = perSection(packages, 40, 0.6);
        TrainOptions defaults = TrainOptions.parse("pretrained: " + MINILM + "\nmax_length: 64\nepochs: 4");
        double converged;
        try (Network network = Network.build("reference", defaults, data, Device.cpu());
                TextTokenizer tokenizer = TextTokenizer.open(minilm.tokenizer(), 64)) {
            NDManager manager = network.model().getNDManager();
            TextBackbone backbone = backbone(network.model());
            FeatureMatrix train = FrozenEncoder.encode(backbone, data.train(), data.task(), tokenizer, manager);
            FeatureMatrix validation =
                    FrozenEncoder.encode(backbone, data.validation(), data.task(), tokenizer, manager);
            converged = ConvergedLogisticRegression.fit(train, data.outputs()).accuracy(validation);
            network.model().close();
        }
        try (TrainingResult probe =
                Training.train(store, "default-probe", data, defaults, new TrainingTest.RecordingView(-1))) {
            // measured: 0.906 with the default seed and 0.922 to 0.938 with seeds 1 to 5, against the reference's
            // 0.906; the old defaults (12 updates) ended at 0.305. Four validation rows of slack absorb another
            // machine's arithmetic, not an underfit head.
            assertTrue(
                    probe.metrics().get("val_accuracy") >= converged - 4.0 / 128,
                    "probe " + probe.metrics() + " vs a converged logistic regression's " + converged);
        }
    }

    /**
     * The run with the other modes (the two top layers, or LoRA adapters of rank 8) on the same 40 descriptions
     * per section: four epochs of 192 texts are 12 updates of the whole network, too few to fit a random head and the
     * encoder beside it. Fitting the head as a probe first, on the texts encoded once, starts fine-tuning from the
     * probe's head. Measured: probe 0.906; top-2 0.828 and LoRA 0.711 from a random head (probe_first: false), and
     * 0.906 and 0.906 from the probe's.
     */
    @Test
    void fineTuningWithDefaultHyperparametersStartsFromTheProbesHeadAndEndsNoWorseThanTheProbe() {
        TrainingData data = perSection(packages, 40, 0.6);
        String defaults = "pretrained: " + MINILM + "\nmax_length: 64\nepochs: 4\n";
        double probe = defaultRun("probe", data, defaults);
        for (String mode : List.of("trainable: 2", "lora: 8")) {
            List<Notice> told = new ArrayList<>();
            double fineTuned;
            try (Notices.Installed shown = Notices.use(told::add)) {
                fineTuned = defaultRun(mode.replace(": ", "-"), data, defaults + mode);
            }
            assertTrue(fineTuned >= probe - 4.0 / 128, mode + ": " + fineTuned + " vs the probe's " + probe);
            String fitted = "fitted as a probe on 192 vectors first (1008 updates)";
            assertEquals(fitted, store.find(mode.replace(": ", "-")).tags().get(Tag.HEAD_PROBE.key()), mode);
            assertTrue(told.stream().anyMatch(notice -> notice.text().startsWith("Head " + fitted)), told.toString());
        }
    }

    /**
     * A resumed run's head is in its checkpoint: fitting it as a probe again would throw away what fine-tuning made of
     * it. On a tiny BERT (cheap to fine-tune), a run interrupted after its first epoch and resumed ends with the weights
     * of one never stopped, and only the first start fits the head.
     */
    @Test
    void aResumedFineTuningRunKeepsItsCheckpointedHeadAndEndsWithTheWeightsOfOneNeverStopped() throws IOException {
        Path tiny = TinyBert.write(Settings.HOME.get().resolve("tiny-bert"));
        TrainingData data = perSection(packages, 6, 0.5);
        TrainOptions options = TrainOptions.parse("pretrained: " + tiny
                + "\nmax_length: 32\nbatch: 8\nseed: 3\nepochs: 3\ntrainable: 1\nlr: 3e-3\nrestore_best: false");
        Map<String, Tensor> uninterrupted;
        try (TrainingResult whole = Training.train(store, "whole", data, options, new TrainingTest.RecordingView(-1))) {
            uninterrupted = SafeTensors.read(whole.checkpoints().resolve("last").resolve(NamedWeights.FILE));
        }
        List<Notice> told = new ArrayList<>();
        String id;
        try (Notices.Installed shown = Notices.use(told::add);
                TrainingResult stopped =
                        Training.train(store, "stopped", data, options, new TrainingTest.RecordingView(1))) {
            assertTrue(Thread.interrupted());
            assertEquals(RunStatus.INTERRUPTED, stopped.status());
            id = stopped.runId();
        }
        assertEquals(
                1, told.stream().filter(n -> n.text().startsWith("Head fitted")).count(), told.toString());
        told.clear();
        try (Notices.Installed shown = Notices.use(told::add);
                TrainingResult resumed = Training.resume(store, id, data, new TrainingTest.RecordingView(-1))) {
            assertEquals(RunStatus.FINISHED, resumed.status());
            Map<String, Tensor> weights =
                    SafeTensors.read(resumed.checkpoints().resolve("last").resolve(NamedWeights.FILE));
            assertEquals(uninterrupted.keySet(), weights.keySet());
            uninterrupted.forEach((name, tensor) ->
                    assertArrayEquals(tensor.values(), weights.get(name).values(), name + " differs after resuming"));
        }
        assertTrue(told.stream().noneMatch(n -> n.text().startsWith("Head fitted")), told.toString());
    }

    /** The best val_accuracy of a run named {@code name} trained with {@code yaml}. */
    private static double defaultRun(String name, TrainingData data, String yaml) {
        try (TrainingResult result =
                Training.train(store, name, data, TrainOptions.parse(yaml), new TrainingTest.RecordingView(-1))) {
            return result.metrics().get("val_accuracy");
        }
    }

    @Test
    void theTopLayersAndHeadFitOneBatchExactly() {
        TrainingData batch = perSection(packages, 2, 0.99);
        try (TrainingResult fitted = train("one-batch", batch, "epochs: 10\nlr: 3e-3\ntrainable: 2\nclip: 1.0")) {
            assertEquals(16, batch.train().rows());
            Map<String, List<Double>> history = MetricPoint.byEpoch(store.metrics(fitted.runId()));
            assertEquals(1.0, history.get("accuracy").getLast(), history.toString());
            assertTrue(history.get("loss").getLast() < 0.1, history.get("loss").toString());
        }
    }

    @Test
    void loraTrainsAdaptersOnlyMergesExactlyAndItsCheckpointReloadsToTheSameLogits() throws IOException {
        TrainingData data = perSection(packages, 6, 0.5);
        TrainOptions options = TrainOptions.parse(
                "pretrained: " + MINILM + "\nmax_length: 48\nbatch: 16\nseed: 3\nepochs: 3\nlr: 5e-3\nlora: 4");
        try (TrainingResult lora = Training.train(store, "lora", data, options, new TrainingTest.RecordingView(-1))) {
            TextBackbone backbone = backbone(lora.model());
            Map<String, Tensor> pretrained = minilm.weights();
            Map<String, Parameter> names = backbone.encoder().huggingFaceNames();
            for (String name : List.of(
                    "encoder.layer.0.attention.self.query.weight",
                    "encoder.layer.5.attention.self.value.weight",
                    "encoder.layer.3.output.dense.weight",
                    "embeddings.word_embeddings.weight")) {
                assertArrayEquals(
                        pretrained.get(name).values(),
                        names.get(name).getArray().toFloatArray(),
                        name + " moved");
            }
            NDArray up = names.get("encoder.layer.5.attention.self.value.lora_B.weight")
                    .getArray();
            assertTrue(up.abs().sum().getFloat() > 0, "lora_B starts at zero and trains");

            // the checkpoint keeps the adapters and the head, and names the pretrained weights it completes
            Path best = lora.checkpoints().resolve("best");
            Map<String, Tensor> saved = SafeTensors.read(best.resolve(NamedWeights.FILE));
            assertEquals(6 * 4 + 2, saved.size(), saved.keySet().toString());
            assertTrue(saved.keySet().stream().allMatch(n -> n.contains(".lora_") || n.startsWith("classifier.")));
            assertTrue(Files.readString(best.resolve(NamedWeights.BASE)).contains(minilm.weightsSha256()));

            float[] trained = logits(lora.model(), data);
            try (Network fresh = Network.build("reloaded", options, data, Device.cpu())) {
                fresh.weights().load(best);
                assertArrayEquals(trained, logits(fresh.model(), data), 1e-5f, "reloaded from the best checkpoint");
                fresh.model().close();
            }

            // merged into plain weights, an encoder without adapters computes the same hidden states
            try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
                BertEncoder plain = new BertEncoder(minilm.config(), 0f);
                Shape shape = new Shape(2, 5);
                plain.initialize(manager, DataType.FLOAT32, shape, shape, shape);
                Map<String, NDArray> merged = backbone.encoder().mergedWeights();
                plain.huggingFaceNames()
                        .forEach((name, parameter) -> parameter
                                .getArray()
                                .set(FloatBuffer.wrap(merged.get(name).toFloatArray())));
                NDArray ids = manager.create(new long[][] {{101, 7592, 2088, 2003, 102}, {101, 2023, 102, 0, 0}});
                NDArray mask = manager.create(new long[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}});
                NDList inputs = new NDList(ids, mask, ids.zerosLike());
                float[] adapted = backbone.encoder()
                        .forward(new ParameterStore(manager, false), inputs, false)
                        .head()
                        .toFloatArray();
                float[] folded = plain.forward(new ParameterStore(manager, false), inputs, false)
                        .head()
                        .toFloatArray();
                assertArrayEquals(adapted, folded, 1e-4f);
            }
        }
    }

    @Test
    void initRandomTrainsTheSameArchitectureFromScratchAndKeepsEveryWeight() throws IOException {
        try (TrainingResult scratch =
                train("scratch", perSection(packages, 2, 0.5), "epochs: 1\nlr: 1e-4\ninit: random")) {
            Path last = scratch.checkpoints().resolve("last");
            assertNull(store.find(scratch.runId()).tags().get("fine_tuning"));
            assertTrue(Files.notExists(last.resolve(NamedWeights.BASE)), "a scratch run needs no pretrained weights");
            Map<String, Tensor> saved = SafeTensors.read(last.resolve(NamedWeights.FILE));
            assertEquals(minilm.weights().size() + 2, saved.size());
            float[] words = saved.get("bert.embeddings.word_embeddings.weight").values();
            float[] pretrained =
                    minilm.weights().get("embeddings.word_embeddings.weight").values();
            assertTrue(
                    Math.abs(words[1000] - pretrained[1000]) > 1e-6 || Math.abs(words[5000] - pretrained[5000]) > 1e-6);
        }
    }

    static TextBackbone backbone(Model model) {
        return (TextBackbone)
                ((SequentialBlock) model.getBlock()).getChildren().get(0).getValue();
    }

    /** The model's scores for the validation rows, in inference mode. */
    static float[] logits(Model model, TrainingData data) {
        try (TextTokenizer tokenizer = TextTokenizer.open(minilm.tokenizer(), 48);
                NDManager manager = model.getNDManager().newSubManager()) {
            TextBatches batches = TextBatches.builder(data.validation(), data.task())
                    .optBatchSize(64)
                    .build(tokenizer);
            float[] all = new float[0];
            for (Batch batch : batches.epochData(manager, 0)) {
                try (batch) {
                    float[] scores = model.getBlock()
                            .forward(new ParameterStore(manager, false), batch.getData(), false)
                            .head()
                            .toFloatArray();
                    float[] joined = Arrays.copyOf(all, all.length + scores.length);
                    System.arraycopy(scores, 0, joined, all.length, scores.length);
                    all = joined;
                }
            }
            return all;
        }
    }
}
