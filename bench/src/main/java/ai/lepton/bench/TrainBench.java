package ai.lepton.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.lepton.base.Settings;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.data.batch.BatchDataset;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.load.ImageSet;
import ai.lepton.track.RunStore;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingResult;
import ai.lepton.train.listener.EpochEnd;
import ai.lepton.train.listener.TrainingListener;
import ai.lepton.train.loop.Training;
import com.google.gson.Gson;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Issue 4's training benchmark, the Java side: an MLP 32-128-64-2 (batch 256, Adam 1e-3) trained by
 * Lepton's loop with metrics and validation on, and by DJL's own EasyTrain without metrics, on the same
 * generated rows and the same batches. Prints samples per second of the training epochs (after one warm-up
 * epoch each) as JSON; the Python side trains the same network with PyTorch and makes the table.
 */
public final class TrainBench {

    private TrainBench() {}

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int epochs = Integer.parseInt(args[1]);
        FeatureMatrix train = rows(rows, 1);
        FeatureMatrix validation = rows(rows / 10, 2);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put(
                "threads",
                Engine.getInstance().getEngineName() + " intra-op threads: "
                        + System.getProperty("ai.djl.pytorch.num_threads"));
        results.put("djl_easytrain", easyTrain(train, epochs));
        results.put("lepton", lepton(train, validation, epochs, "cpu"));
        results.put("lepton_cnn", cnn(Path.of(args[2]), epochs));
        results.put("peak_rss_mib", DataBench.peakResidentMebibytes());
        System.out.println(new Gson().toJson(results));
    }

    /** Two Gaussian blobs in 32 dimensions: a binary task an MLP learns. */
    static FeatureMatrix rows(int count, long seed) {
        Random random = new Random(seed);
        float[] features = new float[count * 32];
        float[] labels = new float[count];
        for (int row = 0; row < count; row++) {
            int label = random.nextInt(2);
            labels[row] = label;
            for (int column = 0; column < 32; column++) {
                features[row * 32 + column] = (float) (random.nextGaussian() + (label == 1 && column < 8 ? 0.8 : 0));
            }
        }
        return new FeatureMatrix(features, labels, count, Collections.nCopies(32, "x"));
    }

    private static double easyTrain(FeatureMatrix train, int epochs) throws Exception {
        Engine.getInstance().setRandomSeed(1);
        SequentialBlock mlp = new SequentialBlock()
                .add(Linear.builder().setUnits(128).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(64).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(2).build());
        try (Model model = Model.newInstance("easytrain")) {
            model.setBlock(mlp);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed(1e-3f))
                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 32));
                BatchDataset batches = BatchDataset.builder(train, Task.CLASSIFICATION)
                        .optBatchSize(256)
                        .optShuffle(3)
                        .optPrefetch(true)
                        .build();
                EasyTrain.fit(trainer, 1, batches, null); // warm-up
                long started = System.nanoTime();
                EasyTrain.fit(trainer, epochs, batches, null);
                return (double) train.rows() * epochs / ((System.nanoTime() - started) / 1e9);
            }
        }
    }

    static double lepton(FeatureMatrix train, FeatureMatrix validation, int epochs, String device) throws Exception {
        TrainingData data = new TrainingData(
                train, validation, Task.CLASSIFICATION, List.of("a", "b"), new long[] {32}, "synthetic rows");
        return samplesPerSecond(data, "hidden: [128, 64]\nbatch: 256\nlr: 1e-3\ndevice: " + device, epochs);
    }

    /** The image CNN (two 3×3 convolution stages, 16 and 32 channels) on the 8×8 digits, batch 64. */
    private static double cnn(Path digitsCsv, int epochs) throws Exception {
        Table digits = DataLoader.csv(digitsCsv, CsvOptions.defaults()).table();
        List<ImageSet> split = ImageSet.fromTable(digits, "digit", 8, 8, 16).split(0.2, 1);
        return samplesPerSecond(
                TrainingData.of(split.get(0), split.get(1)),
                "model: cnn\nhidden: [16, 32]\nbatch: 64\nlr: 1e-3\ndevice: cpu",
                epochs * 20);
    }

    /** Training samples per second of a run, leaving out its first (warm-up) epoch; validation included. */
    private static double samplesPerSecond(TrainingData data, String yaml, int epochs) throws Exception {
        Path home = Files.createTempDirectory("lepton-bench-");
        System.setProperty(Settings.HOME.property(), home.toString());
        Timing timing = new Timing();
        try (RunStore store = RunStore.open("jdbc:sqlite:" + home.resolve("runs.db"));
                TrainingResult ignored = Training.train(
                        store, "bench", data, TrainOptions.parse(yaml + "\nepochs: " + (epochs + 1)), timing)) {
            return (double) data.train().rows() * epochs / ((timing.lastEpochEnd - timing.firstEpochEnd) / 1e9);
        }
    }

    /** Notes when each epoch ends, so the warm-up epoch is left out of the rate. */
    private static final class Timing implements TrainingListener {
        private long firstEpochEnd;
        private long lastEpochEnd;

        @Override
        public Decision onEpochEnd(EpochEnd epoch) {
            lastEpochEnd = System.nanoTime();
            if (epoch.epoch() == 1) {
                firstEpochEnd = lastEpochEnd;
            }
            return Decision.CONTINUE;
        }
    }
}
