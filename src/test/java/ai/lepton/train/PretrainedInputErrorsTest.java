package ai.lepton.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.IsolatedHome;
import ai.lepton.base.Settings;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.data.prepare.Preparer;
import ai.lepton.runtime.weights.SafeTensors;
import ai.lepton.runtime.weights.Tensor;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;
import ai.lepton.train.loop.Training;
import ai.lepton.train.loop.TrainingTest;
import ai.lepton.train.network.FineTuningTest;
import ai.lepton.train.pretrained.HuggingFaceFolder;
import ai.lepton.train.pretrained.TinyBert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each way a pretrained model or its settings can be wrong is refused with a message that names what, where and how to
 * fix it; the run is recorded as FAILED with that reason and leaves no checkpoint behind.
 */
@ExtendWith(IsolatedHome.class)
class PretrainedInputErrorsTest {

    private static RunStore store;
    private static TrainingData text;
    private static TrainingData penguins;
    private static Path tiny;

    @BeforeAll
    static void setUp() throws IOException {
        Path home = Settings.HOME.get();
        store = RunStore.open("jdbc:sqlite:" + home.resolve("runs.db"));
        Table packages = DataLoader.csv(Path.of("..", "datasets", "debian-packages.csv"), CsvOptions.defaults())
                .table()
                .first(40);
        text = TrainingData.of(Preparer.prepare(
                packages,
                PrepareOptions.builder("section")
                        .optDrop(List.of("package"))
                        .optText(List.of("description"))
                        .optSplit(0.8, 0.2, 0)
                        .build()));
        Table table = DataLoader.csv(Path.of("..", "datasets", "penguins.csv"), CsvOptions.defaults())
                .table();
        penguins = TrainingData.of(
                Preparer.prepare(table, PrepareOptions.builder("species").build()));
        tiny = TinyBert.write(home.resolve("tiny"));
    }

    @AfterAll
    static void tearDown() {
        store.close();
    }

    private static String failure(TrainingData data, String yaml) {
        TrainingException error = assertThrows(
                TrainingException.class,
                () -> Training.train(
                        store,
                        "bad",
                        data,
                        TrainOptions.parse("epochs: 1\n" + yaml),
                        new TrainingTest.RecordingView(-1)));
        RunRecord run = store.recent(1).getFirst();
        assertEquals(RunStatus.FAILED, run.status());
        assertEquals(error.getMessage(), run.tags().get("failure"));
        assertTrue(Files.notExists(Settings.HOME.get().resolve("checkpoints").resolve(run.id())), "no checkpoint");
        return error.getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' in: " + message);
        }
    }

    @Test
    void missingOrMisShapedTensorsAreNamed() throws IOException {
        Path broken = TinyBert.write(Settings.HOME.get().resolve("broken-weights"));
        Map<String, Tensor> weights = new LinkedHashMap<>(TinyBert.weights());
        weights.remove("encoder.layer.1.output.dense.bias");
        weights.put("encoder.layer.0.attention.self.query.weight", new Tensor(new long[] {8, 16}, new float[8 * 16]));
        SafeTensors.write(broken.resolve(HuggingFaceFolder.WEIGHTS), weights);
        assertContains(
                failure(text, "pretrained: " + broken),
                "encoder.layer.1.output.dense.bias is missing",
                "encoder.layer.0.attention.self.query.weight has shape [8, 16], the encoder needs [16, 16]",
                broken.toString());
    }

    @Test
    void aConfigThatClaimsMoreThanItsWeightsFailsTheRunNamingTheField() throws IOException {
        Path claiming = TinyBert.write(Settings.HOME.get().resolve("claiming-config"));
        Map<String, Tensor> weights = new LinkedHashMap<>(TinyBert.weights());
        weights.put("embeddings.position_embeddings.weight", new Tensor(new long[] {64, 16}, new float[64 * 16]));
        SafeTensors.write(claiming.resolve(HuggingFaceFolder.WEIGHTS), weights);
        assertContains(
                failure(text, "pretrained: " + claiming),
                claiming.resolve(HuggingFaceFolder.CONFIG) + " does not fit its weights",
                "max_position_embeddings is 128 but embeddings.position_embeddings.weight has 64 rows");
    }

    @Test
    void aCorruptTokenizerIsRefused() throws IOException {
        Path corrupt = TinyBert.write(Settings.HOME.get().resolve("corrupt-tokenizer"));
        Files.writeString(corrupt.resolve(HuggingFaceFolder.TOKENIZER), "{\"model\": ");
        assertContains(failure(text, "pretrained: " + corrupt), "the tokenizer of", "cannot be read", "tokenizer.json");
    }

    @Test
    void fineTuningSettingsOutOfRangeAreRefused() {
        String pretrained = "pretrained: " + tiny + "\n";
        assertContains(failure(text, pretrained + "lora: 16"), "lora: 16 is not below the hidden size 16");
        assertContains(failure(text, pretrained + "trainable: 3"), "more blocks than the pretrained backbone has (2)");
        assertContains(failure(text, pretrained + "max_length: 512"), "max_length: 512 is more than the 128 positions");
        TrainingException negative =
                assertThrows(TrainingException.class, () -> TrainOptions.parse(pretrained + "lora: -2"));
        assertContains(negative.getMessage(), "lora", "0 (no adapters) or a rank such as 8");
        TrainingException both =
                assertThrows(TrainingException.class, () -> TrainOptions.parse(pretrained + "lora: 4\ntrainable: 2"));
        assertContains(both.getMessage(), "'lora' and 'trainable' are both set");
        TrainingException alone = assertThrows(TrainingException.class, () -> TrainOptions.parse("lora: 4"));
        assertContains(alone.getMessage(), "set pretrained too");
    }

    @Test
    void modelsAndRowsThatDoNotFitAreRefused() {
        assertContains(failure(penguins, "pretrained: " + tiny), "is a language model: it reads text", "--text");
        assertContains(failure(text, "model: mlp"), "model: mlp reads no text", "set pretrained");
        assertContains(
                failure(text, "pretrained: " + FineTuningTest.PRETRAINED),
                "is a Lepton model, which reads no text",
                "sentence-transformers/all-MiniLM-L6-v2");
    }

    @Test
    void aTorchScriptFileThatIsNotAModuleIsRefused() throws IOException {
        Path bogus = Settings.HOME.get().resolve("weights.pt");
        Files.writeString(bogus, "not a TorchScript archive");
        assertContains(
                failure(penguins, "pretrained: " + bogus),
                "is not a TorchScript module Lepton can load",
                "torch.jit.trace");
    }

    @Test
    void aTinyModelTrainsWhenItsFolderIsSound() {
        try (TrainingResult result = Training.train(
                store,
                "tiny",
                text,
                TrainOptions.parse("epochs: 2\nlr: 1e-3\nmax_length: 32\ntrainable: -1\npretrained: " + tiny),
                new TrainingTest.RecordingView(-1))) {
            assertEquals(RunStatus.FINISHED, result.status());
        }
    }
}
