package ai.lepton.train.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.lepton.IsolatedHome;
import ai.lepton.base.Settings;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.track.RunStore;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** What the optimizer does each step: accumulation, AdamW's decay, gradient clipping by value and by norm. */
@ExtendWith(IsolatedHome.class)
class OptimizationTest {

    private static RunStore store;
    /** Rows whose count the batch sizes divide, so every step of every run sees the same rows. */
    private static final TrainingData SIXTY_FOUR_ROWS = sixtyFourRows();

    private static TrainingData sixtyFourRows() {
        Random random = new Random(4);
        float[] features = new float[64 * 4];
        float[] labels = new float[64];
        for (int row = 0; row < 64; row++) {
            for (int column = 0; column < 4; column++) {
                features[row * 4 + column] = (float) random.nextGaussian();
            }
            labels[row] = features[row * 4] + features[row * 4 + 1] > 0 ? 1 : 0;
        }
        FeatureMatrix rows = new FeatureMatrix(features, labels, 64, List.of("a", "b", "c", "d"));
        FeatureMatrix none = new FeatureMatrix(new float[0], new float[0], 0, List.of("a", "b", "c", "d"));
        return new TrainingData(rows, none, Task.CLASSIFICATION, List.of("no", "yes"), new long[] {4}, "64 rows");
    }

    @BeforeAll
    static void open() {
        store = RunStore.open("jdbc:sqlite:" + Settings.HOME.get().resolve("runs.db"));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static List<float[]> weights(String yaml) {
        try (TrainingResult result = Training.train(
                store,
                "accumulate",
                SIXTY_FOUR_ROWS,
                TrainOptions.parse("hidden: [8]\nepochs: 2\nlr: 1e-2\nrestore_best: false\ndevice: cpu\n" + yaml),
                new TrainingTest.RecordingView(-1))) {
            List<float[]> values = new ArrayList<>();
            result.model()
                    .getBlock()
                    .getParameters()
                    .forEach(pair -> values.add(pair.getValue().getArray().toFloatArray()));
            return values;
        }
    }

    @Test
    void accumulatingTwoHalfBatchesStepsAsOneWholeBatchDoes() {
        List<float[]> whole = weights("batch: 16");
        List<float[]> halves = weights("batch: 8\naccumulate: 2");
        List<float[]> unaccumulated = weights("batch: 8");
        for (int i = 0; i < whole.size(); i++) {
            assertArrayEquals(whole.get(i), halves.get(i), 1e-5f, "parameter " + i);
        }
        assertFalse(Arrays.equals(whole.getFirst(), unaccumulated.getFirst()), "the test can fail");
    }

    @Test
    void adamwDecaysWeightsButNotBiasesOrNorms() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            SequentialBlock block = new SequentialBlock()
                    .add(Linear.builder().setUnits(2).build())
                    .add(LayerNorm.builder().build());
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            StatefulOptimizer adamw = StatefulOptimizer.of(
                    TrainOptions.parse("optimizer: adamw\nweight_decay: 0.5\nlr: 0.1"), step -> 0.1f);
            adamw.nameParameters(block);
            JniUtils.setGradMode(false);
            for (var pair : block.getParameters()) {
                Parameter parameter = pair.getValue();
                parameter.getArray().addi(1); // no zero weights: decay must show
                NDArray start = parameter.getArray().duplicate();
                adamw.update(
                        parameter.getId(),
                        parameter.getArray(),
                        parameter.getArray().zerosLike());
                float[] expected = start.toFloatArray();
                if (parameter.getType() == Parameter.Type.WEIGHT) {
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] *= 1 - 0.1f * 0.5f; // decoupled: w -= lr · decay · w
                    }
                }
                assertArrayEquals(expected, parameter.getArray().toFloatArray(), 1e-6f, pair.getKey());
            }
        }
    }

    @Test
    void clippingByValueClipsBothWays() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            StatefulOptimizer sgd =
                    StatefulOptimizer.of(TrainOptions.parse("optimizer: sgd\nclip: 1\nlr: 1"), step -> 1f);
            NDArray weight = manager.create(new float[] {0, 0, 0});
            sgd.update("w", weight, manager.create(new float[] {-5, 0.5f, 5}));
            assertArrayEquals(new float[] {1, -0.5f, -1}, weight.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void clippingByNormScalesEveryGradientToTheBound() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Linear layer = Linear.builder().setUnits(4).build();
            layer.initialize(manager, DataType.FLOAT32, new Shape(2, 3));
            NDArray input = manager.create(new float[][] {{10, -20, 30}, {5, 5, 5}});
            try (GradientCollector collector = new ThreadGradientCollector(layer)) {
                NDArray out = layer.forward(new ParameterStore(manager, false), new NDList(input), true)
                        .head();
                collector.backward(out.square().sum());
            }
            float before = norm(layer);
            NDArray direction =
                    layer.getParameters().get("weight").getArray().getGradient().div(before);
            try (NDManager scope = manager.newSubManager()) {
                GradientClipping.toNorm(layer, 0.5f, scope);
            }
            assertEquals(0.5f, norm(layer), 1e-4f);
            assertArrayEquals(
                    direction.toFloatArray(),
                    layer.getParameters()
                            .get("weight")
                            .getArray()
                            .getGradient()
                            .div(0.5f)
                            .toFloatArray(),
                    1e-4f,
                    "the direction stays");
        }
    }

    private static float norm(Linear layer) {
        double squares = 0;
        for (var pair : layer.getParameters()) {
            for (float value : pair.getValue().getArray().getGradient().toFloatArray()) {
                squares += value * value;
            }
        }
        return (float) Math.sqrt(squares);
    }
}
