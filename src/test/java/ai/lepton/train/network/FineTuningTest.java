package ai.lepton.train.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.SequentialBlock;
import ai.lepton.IsolatedHome;
import ai.lepton.base.Settings;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.load.ImageSet;
import ai.lepton.track.RunStore;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingException;
import ai.lepton.train.TrainingResult;
import ai.lepton.train.download.LocalServer;
import ai.lepton.train.loop.Training;
import ai.lepton.train.loop.TrainingTest;
import ai.lepton.train.pretrained.DigitsArchive;
import ai.lepton.train.pretrained.PretrainedLocator;
import ai.lepton.train.pretrained.PretrainedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Fine-tuning the CNN the repository ships (digits 0-4) on the digits 5-9 with a few labels each. */
@ExtendWith(IsolatedHome.class)
public class FineTuningTest {

    public static final Path PRETRAINED = Path.of("..", "models", "digits-cnn-0to4");

    private static Path home;

    private static RunStore store;
    private static TrainingData fewLabels;

    @BeforeAll
    static void setUp() {
        home = Settings.HOME.get();
        System.setProperty("DJL_CACHE_DIR", home.resolve("djl-cache").toString());
        store = RunStore.open("jdbc:sqlite:" + home.resolve("runs.db"));
        Table digits = DataLoader.csv(Path.of("..", "datasets", "digits.csv"), CsvOptions.defaults())
                .table();
        Table highDigits = digits.where(digits.numberColumn("digit").isGreaterThanOrEqualTo(5));
        List<ImageSet> split = ImageSet.fromTable(highDigits, "digit", 8, 8, 16).split(0.5, 3);
        fewLabels = TrainingData.of(split.get(0).perClass(3, 3), split.get(1));
    }

    @AfterAll
    static void tearDown() {
        store.close();
        System.clearProperty("DJL_CACHE_DIR");
    }

    private static double bestAccuracy(String name, String yaml) {
        try (TrainingResult result =
                Training.train(store, name, fewLabels, TrainOptions.parse(yaml), new TrainingTest.RecordingView(-1))) {
            return result.metrics().get("val_accuracy");
        }
    }

    @Test
    void aFrozenPretrainedBackboneLearnsTheNewDigitsFromFifteenLabels() {
        String yaml =
                "epochs: 15\nbatch: 8\nlr: 1e-2\nmonitor: val_accuracy\nseed: 5\npretrained: '" + PRETRAINED + "'\n";
        float[] pretrained = backbone(PRETRAINED);
        try (TrainingResult frozen = Training.train(
                store,
                "tuned",
                fewLabels,
                TrainOptions.parse(yaml + "trainable: 0"),
                new TrainingTest.RecordingView(-1))) {
            assertTrue(frozen.metrics().get("val_accuracy") > 0.6, "chance is 0.2: " + frozen.metrics());
            assertArrayEquals(
                    pretrained, backbone(frozen.checkpoints().resolve("best")), "a frozen backbone does not move");
        }
        try (TrainingResult all = Training.train(
                store,
                "tuned-all",
                fewLabels,
                TrainOptions.parse(yaml + "trainable: -1"),
                new TrainingTest.RecordingView(-1))) {
            assertFalse(
                    Arrays.equals(pretrained, backbone(all.checkpoints().resolve("best"))),
                    "trainable: -1 trains the backbone too");
        }
        assertEquals("2 of 2 backbone blocks frozen", store.find("tuned").tags().get("fine_tuning"));
        assertEquals(
                "0 of 2 backbone blocks frozen", store.find("tuned-all").tags().get("fine_tuning"));
        assertEquals(PRETRAINED.toString(), store.find("tuned").lineage().pretrained());
    }

    /** The backbone's parameters (everything but the head) of the model saved in {@code folder}. */
    private static float[] backbone(Path folder) {
        try (var model = LeptonModelFolder.load(folder, Device.cpu())) {
            return TrainingTest.parameters(
                    ((SequentialBlock) model.getBlock()).getChildren().get(0).getValue());
        }
    }

    @Test
    void aPretrainedModelAtAUrlIsDownloadedOnceAndLoadsAsTheLocalOne() throws IOException {
        try (LocalServer server = new LocalServer().file("/models/digits.zip", DigitsArchive.zip())) {
            String url = server.url("/models/digits.zip");
            double accuracy =
                    bestAccuracy("from-url", "epochs: 8\nbatch: 8\nlr: 1e-2\npretrained: '" + url + "'\ntrainable: 0");
            assertTrue(accuracy > 0.35, "a working pretrained backbone (chance is 0.2): " + accuracy);
            PretrainedModel.Lepton downloaded =
                    (PretrainedModel.Lepton) PretrainedLocator.resolve(url); // kept: no request this time
            assertArrayEquals(
                    backbone(PRETRAINED), backbone(downloaded.location()), "the same weights as the folder's");
            assertEquals(1, server.requests("/models/digits.zip"), "Lepton downloaded it once; DJL never asked");
        }
    }

    @Test
    void aMissingCorruptOrMismatchedPretrainedModelIsAClearError() throws IOException {
        assertMessage("pretrained: '/nowhere/model'", "pretrained: no model '/nowhere/model' is here");
        Path corrupt = Files.createDirectories(home.resolve("corrupt"));
        Files.copy(PRETRAINED.resolve("architecture.json"), corrupt.resolve("architecture.json"));
        Files.write(corrupt.resolve("model-0000.params"), new byte[] {1, 2, 3, 4});
        assertMessage("pretrained: '" + corrupt + "'", "are incomplete or corrupt");
        Path other = Files.createDirectories(home.resolve("other"));
        Files.copy(PRETRAINED.resolve("model-0000.params"), other.resolve("model-0000.params"));
        Files.writeString(
                other.resolve("architecture.json"),
                Files.readString(PRETRAINED.resolve("architecture.json")).replace("32", "64"));
        assertMessage("pretrained: '" + other + "'", "do not match its architecture.json");
        Path noArchitecture = Files.createDirectories(home.resolve("bare"));
        Files.copy(PRETRAINED.resolve("model-0000.params"), noArchitecture.resolve("model-0000.params"));
        assertMessage("pretrained: '" + noArchitecture + "'", "no architecture.json");
    }

    private static void assertMessage(String yaml, String expected) {
        TrainingException error = assertThrows(
                TrainingException.class,
                () -> Training.train(
                        store,
                        "bad-pretrained",
                        fewLabels,
                        TrainOptions.parse("epochs: 1\n" + yaml),
                        new TrainingTest.RecordingView(-1)));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
