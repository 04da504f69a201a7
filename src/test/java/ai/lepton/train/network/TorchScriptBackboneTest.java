package ai.lepton.train.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.lepton.IsolatedHome;
import ai.lepton.base.Settings;
import ai.lepton.data.batch.BatchDataset;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.data.prepare.Preparer;
import ai.lepton.evaluate.EvaluationException;
import ai.lepton.evaluate.RunModel;
import ai.lepton.track.RunStore;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingResult;
import ai.lepton.train.loop.Training;
import ai.lepton.train.loop.TrainingTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** A TorchScript module traced by Python's PyTorch (models/make_torchscript.py) trains as a backbone under a new head. */
@ExtendWith(IsolatedHome.class)
class TorchScriptBackboneTest {

    static final Path MODULE = Path.of("..", "models", "digits-mlp-torchscript", "backbone.pt");

    private static RunStore store;
    private static TrainingData digits;

    @BeforeAll
    static void setUp() {
        store = RunStore.open("jdbc:sqlite:" + Settings.HOME.get().resolve("runs.db"));
        Table table = DataLoader.csv(Path.of("..", "datasets", "digits.csv"), CsvOptions.defaults())
                .table()
                .first(600);
        digits = TrainingData.of(Preparer.prepare(
                table, PrepareOptions.builder("digit").optSplit(0.7, 0.3, 0).build()));
    }

    @AfterAll
    static void tearDown() {
        store.close();
    }

    private static float[] firstWeight(Model model) {
        Block backbone =
                ((SequentialBlock) model.getBlock()).getChildren().get(0).getValue();
        return backbone.getParameters().valueAt(0).getArray().toFloatArray();
    }

    @Test
    void theModulesOwnWeightsTrainAndTheCheckpointReloads() throws IOException {
        TrainOptions options = TrainOptions.parse(
                "epochs: 6\nbatch: 32\nlr: 1e-2\ntrainable: -1\nbackbone_lr: 1\npretrained: '" + MODULE + "'");
        float[] traced;
        try (Network untouched = Network.build("untouched", options, digits, Device.cpu())) {
            traced = firstWeight(untouched.model());
            untouched.model().close();
        }
        try (TrainingResult result =
                Training.train(store, "torchscript", digits, options, new TrainingTest.RecordingView(-1))) {
            assertTrue(result.metrics().get("val_accuracy") > 0.7, "chance is 0.1: " + result.metrics());
            assertFalse(Arrays.equals(traced, firstWeight(result.model())), "the module's weights trained");
            assertEquals(
                    "0 of 1 backbone blocks frozen",
                    store.find(result.runId()).tags().get("fine_tuning"));
            try (Network fresh = Network.build("reloaded", options, digits, Device.cpu())) {
                fresh.weights().load(result.checkpoints().resolve("best"));
                assertArrayEquals(scores(result.model()), scores(fresh.model()), 1e-6f);
                fresh.model().close();
            }
        }
    }

    @Test
    void aFrozenModuleKeepsItsWeights() {
        TrainOptions options =
                TrainOptions.parse("epochs: 2\nbatch: 32\nlr: 1e-2\ntrainable: 0\npretrained: '" + MODULE + "'");
        float[] traced;
        try (Network untouched = Network.build("untouched", options, digits, Device.cpu())) {
            traced = firstWeight(untouched.model());
            untouched.model().close();
        }
        try (TrainingResult result =
                Training.train(store, "frozen-torchscript", digits, options, new TrainingTest.RecordingView(-1))) {
            assertArrayEquals(traced, firstWeight(result.model()));
            String refused = assertThrows(EvaluationException.class, () -> RunModel.open(store, result.runId()))
                    .getMessage();
            assertTrue(
                    refused.contains("TorchScript backbone") && refused.contains("runtime cannot rebuild"),
                    "refused at promotion, not when production loads it: " + refused);
        }
    }

    private static float[] scores(Model model) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            BatchDataset rows = BatchDataset.builder(digits.validation(), digits.task())
                    .optBatchSize(1000)
                    .build();
            Batch batch = rows.epochData(manager, 0).iterator().next();
            return model.getBlock()
                    .forward(new ParameterStore(manager, false), batch.getData(), false)
                    .head()
                    .toFloatArray();
        }
    }
}
