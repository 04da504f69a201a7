package ai.lepton.data.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.Batch;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.lepton.data.DataException;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.data.prepare.Prepared;
import ai.lepton.data.prepare.Preparer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

class BatchDatasetTest {

    private static Prepared penguins;

    @BeforeAll
    static void prepare() {
        penguins = Preparer.prepare(
                DataLoader.csv(Path.of("..", "datasets", "penguins.csv"), CsvOptions.defaults())
                        .table(),
                PrepareOptions.builder("species").optStratify(true).build());
    }

    /** A matrix whose single feature is the row number, so batches show which rows they hold. */
    private static FeatureMatrix numbered(int rows) {
        float[] features = new float[rows];
        float[] labels = new float[rows];
        for (int i = 0; i < rows; i++) {
            features[i] = i;
            labels[i] = i % 3;
        }
        return new FeatureMatrix(features, labels, rows, List.of("row"));
    }

    private static List<Float> epochRows(BatchDataset dataset, NDManager manager) {
        List<Float> rows = new ArrayList<>();
        for (Batch batch : dataset.getData(manager)) {
            for (float row : batch.getData().head().toFloatArray()) {
                rows.add(row);
            }
            batch.close();
        }
        return rows;
    }

    @Test
    void everyRowOnceWithTypedLabelsOnTheManagersDevice() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchDataset dataset = BatchDataset.builder(numbered(10), Task.CLASSIFICATION)
                    .optBatchSize(4)
                    .build();
            List<Batch> batches = new ArrayList<>();
            dataset.getData(manager).forEach(batches::add);
            assertEquals(3, batches.size());
            assertEquals(new Shape(4, 1), batches.getFirst().getData().head().getShape());
            assertEquals(2, batches.getLast().getSize());
            assertEquals(DataType.INT32, batches.getFirst().getLabels().head().getDataType());
            assertEquals(
                    manager.getDevice(), batches.getFirst().getData().head().getDevice());
            batches.forEach(Batch::close);
            Batch regression = BatchDataset.builder(numbered(10), Task.REGRESSION)
                    .optBatchSize(4)
                    .build()
                    .getData(manager)
                    .iterator()
                    .next();
            assertEquals(DataType.FLOAT32, regression.getLabels().head().getDataType());
            regression.close();
            assertEquals(
                    List.of(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f),
                    epochRows(
                            BatchDataset.builder(numbered(10), Task.CLASSIFICATION)
                                    .optBatchSize(4)
                                    .build(),
                            manager));
        }
    }

    @Test
    void shufflingIsSeededPerEpochAndPrefetchChangesNothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchDataset first = BatchDataset.builder(numbered(100), Task.CLASSIFICATION)
                    .optBatchSize(16)
                    .optShuffle(5)
                    .build();
            BatchDataset second = BatchDataset.builder(numbered(100), Task.CLASSIFICATION)
                    .optBatchSize(16)
                    .optShuffle(5)
                    .optPrefetch(true)
                    .build();
            List<Float> epoch0 = epochRows(first, manager);
            List<Float> epoch1 = epochRows(first, manager);
            assertEquals(epoch0, epochRows(second, manager));
            assertEquals(epoch1, epochRows(second, manager));
            assertNotEquals(epoch0, epoch1);
            List<Float> sorted = new ArrayList<>(epoch0);
            sorted.sort(null);
            assertEquals(
                    epochRows(
                            BatchDataset.builder(numbered(100), Task.CLASSIFICATION)
                                    .optBatchSize(16)
                                    .build(),
                            manager),
                    sorted);
        }
    }

    @Test
    void batchesAliveAtOnceKeepTheirOwnRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Batch> alive = new ArrayList<>();
            BatchDataset.builder(numbered(12), Task.CLASSIFICATION)
                    .optBatchSize(4)
                    .optPrefetch(true)
                    .build()
                    .getData(manager)
                    .forEach(alive::add);
            assertEquals(
                    List.of(0f, 1f, 2f, 3f),
                    asList(alive.get(0).getData().head().toFloatArray()));
            assertEquals(
                    List.of(8f, 9f, 10f, 11f),
                    asList(alive.get(2).getData().head().toFloatArray()));
            alive.forEach(Batch::close);
        }
    }

    private static List<Float> asList(float[] values) {
        List<Float> list = new ArrayList<>();
        for (float value : values) {
            list.add(value);
        }
        return list;
    }

    @Test
    void dropLastLeavesOutTheShortBatch() {
        BatchDataset dataset = BatchDataset.builder(numbered(10), Task.CLASSIFICATION)
                .optBatchSize(4)
                .optDropLast(true)
                .build();
        assertEquals(2, dataset.batchCount());
        assertThrows(
                DataException.class,
                () -> BatchDataset.builder(numbered(10), Task.CLASSIFICATION).optBatchSize(0));
    }

    @Test
    void fiftyEpochsLeaveNoArraysAndNoNativeGrowth() {
        // 256 × 256 floats = 256 KiB per batch, 8 batches an epoch: leaking the batches of epochs 10 to 49
        // would add 80 MiB, far above the JVM's own drift
        int rows = 2048;
        int columns = 256;
        float[] features = new float[rows * columns];
        Arrays.fill(features, 0.5f);
        FeatureMatrix wide = new FeatureMatrix(features, new float[rows], rows, Collections.nCopies(columns, "f"));
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchDataset dataset = BatchDataset.builder(wide, Task.CLASSIFICATION)
                    .optBatchSize(256)
                    .optShuffle(1)
                    .optPrefetch(true)
                    .build();
            long[] rss = new long[50];
            for (int epoch = 0; epoch < 50; epoch++) {
                for (Batch batch : dataset.getData(manager)) {
                    batch.getData().head().sum().getFloat();
                    batch.close();
                }
                assertEquals(0, manager.getManagedArrays().size(), "arrays left after epoch " + epoch);
                rss[epoch] = ai.lepton.ResidentMemory.kilobytes();
            }
            assertTrue(
                    rss[49] - rss[10] < 40 * 1024,
                    "resident memory grew from " + rss[10] + " kB to " + rss[49] + " kB");
        }
    }

    @Test
    void djlTrainsOnItWellAboveChance() throws Exception {
        int classes = penguins.preparation().labels().size();
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(16).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(classes).build());
        Engine.getInstance().setRandomSeed(11); // the same initial weights every run
        try (Model model = Model.newInstance("penguins")) {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .addEvaluator(new Accuracy())
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed(0.01f))
                            .build())
                    .addTrainingListeners(TrainingListener.Defaults.basic());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, penguins.train().columns()));
                BatchDataset train = BatchDataset.builder(penguins.train(), Task.CLASSIFICATION)
                        .optBatchSize(16)
                        .optShuffle(3)
                        .build();
                BatchDataset validation = BatchDataset.builder(penguins.validation(), Task.CLASSIFICATION)
                        .optBatchSize(64)
                        .build();
                EasyTrain.fit(trainer, 20, train, validation);
                TrainingResult result = trainer.getTrainingResult();
                float accuracy = result.getValidateEvaluation("Accuracy");
                assertTrue(accuracy > 0.9f, "validation accuracy " + accuracy + " (chance is about 0.44)");
            }
        }
    }
}
