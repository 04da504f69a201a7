package ai.lepton.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.IsolatedHome;
import ai.lepton.Lepton;
import ai.lepton.Run;
import ai.lepton.base.Settings;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.prepare.HeldOutRows;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.Prediction;
import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.artifact.Manifest;
import ai.lepton.runtime.input.InputException;
import ai.lepton.runtime.serve.PredictServer;
import ai.lepton.runtime.weights.Precision;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.loop.Training;
import ai.lepton.train.pretrained.TinyBert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Promotion of a fine-tuned text classifier (a small BERT with the real MiniLM tokenizer, on Debian package descriptions):
 * the artifact carries the tokenizer, the fresh-JVM gate reproduces it, the runtime takes raw text; compressed to int8
 * or fp16 it is measured against the run's own model and refused beyond the tolerance.
 */
@ExtendWith(IsolatedHome.class)
class TextPromotionTest {

    private static String textRun;
    private static String regressionRun;
    private static Promoted fp32;
    private static List<Map<String, Object>> heldOut;

    @BeforeAll
    static void train() throws Exception {
        Path tiny = TinyBert.write(Settings.HOME.get().resolve("tiny-bert"));
        Table packages = DataLoader.csv(Path.of("..", "datasets", "debian-packages.csv"), CsvOptions.defaults())
                .table();
        Table slice = packages.emptyCopy();
        for (String section : List.of("games", "mail", "science", "sound")) {
            slice.append(packages.where(packages.stringColumn("section").isEqualTo(section))
                    .first(40));
        }
        // a tabular feature beside the text: the model reads both
        slice.addColumns(IntColumn.create(
                "words",
                slice.stringColumn("description").asList().stream()
                        .mapToInt(text -> text.split("\\s+").length)
                        .toArray()));
        Lepton.dataset("packages", slice);
        Lepton.prepare(
                "packages",
                PrepareOptions.builder("section")
                        .optDrop(List.of("package"))
                        .optText(List.of("description"))
                        .optSplit(0.6, 0.1, 0.3)
                        .optStratify(true)
                        .build());
        try (Run result = Lepton.train(
                "packages",
                "packages-bert",
                TrainOptions.parse(
                        "pretrained: " + tiny + "\nepochs: 3\nbatch: 16\nlr: 3e-3\nmax_length: 32\nseed: 3"))) {
            textRun = result.id();
        }
        fp32 = Lepton.promote(textRun, "packages");
        heldOut = HeldOutRows.load(
                Lepton.store().find(textRun).lineage().heldOutSha256(),
                Lepton.prepared("packages").preparation().inputSchema());

        Lepton.dataset(
                "penguins",
                DataLoader.csv(Path.of("..", "datasets", "penguins.csv"), CsvOptions.defaults())
                        .table());
        Lepton.prepare("penguins", PrepareOptions.builder("flipper_length_mm").build());
        try (Run result = Lepton.train(
                "penguins", "flipper", TrainOptions.parse("hidden: [32]\nepochs: 60\nlr: 0.01\nseed: 3"))) {
            regressionRun = result.id();
        }
    }

    @Test
    void aTextRunIsPromotedWithItsTokenizerAndTheRuntimeTakesRawText() throws Exception {
        assertEquals(heldOut.size(), fp32.gate().rows());
        assertTrue(fp32.gate().maxDifference() <= 1e-5, fp32.toString());
        try (ZipFile zip = new ZipFile(fp32.model().artifact().toFile())) {
            assertTrue(zip.getEntry(ArtifactLayout.TOKENIZER) != null, "the tokenizer travels with the model");
            assertTrue(zip.getEntry(ArtifactLayout.PARAMETERS) != null);
        }
        EntryInflation.assertFarBelowTheLimit(fp32.model().artifact());
        try (LeptonModel model = LeptonModel.load(fp32.model().artifact())) {
            assertEquals(
                    List.of("number", "text"),
                    model.schema().fields().stream().map(f -> f.type()).toList());
            Prediction prediction =
                    model.predict(Map.of("description", "A fast-paced arcade shooter with levels", "words", 6));
            assertTrue(model.schema().labels().contains(prediction.label()), prediction.toString());
            Map<String, Object> missing = new HashMap<>();
            missing.put("description", null);
            missing.put("words", 0);
            Prediction empty = model.predict(missing);
            assertTrue(
                    model.schema().labels().contains(empty.label()), "a missing text is read as empty, as in training");
            InputException wrongType =
                    assertThrows(InputException.class, () -> model.predict(Map.of("description", 42, "words", 1)));
            assertTrue(
                    wrongType.getMessage().contains("field 'description' is text")
                            && wrongType.getMessage().contains("Give it a string"),
                    wrongType.getMessage());
            assertTrue(model.modelCard().contains("description (text: another row's text read in its place)"));
        }
    }

    @Test
    void theServerTakesRawTextAndCountsWhatItSawInItsMetrics() throws Exception {
        try (LeptonModel model = LeptonModel.load(fp32.model().artifact())) {
            PredictServer server = PredictServer.start(model, "127.0.0.1", 0);
            try (HttpClient client = HttpClient.newHttpClient()) {
                String base = "http://127.0.0.1:" + server.port();
                String longText = "a game of chess and mail and science ".repeat(20);
                HttpResponse<String> answer = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/predict"))
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "[{\"description\": \"Plays music files\", \"words\": 3},"
                                                + " {\"description\": \"" + longText + "\", \"words\": 140},"
                                                + " {\"description\": \"\", \"words\": 0}]"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), answer.body());
                String metrics = client.send(
                                HttpRequest.newBuilder(URI.create(base + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                assertTrue(metrics.contains("\nlepton_rows_predicted_total 3\n"), metrics);
                assertTrue(metrics.contains("\nlepton_input_text_truncated_total 1\n"), metrics);
                assertTrue(metrics.contains("lepton_input_missing_total{field=\"description\"} 1\n"), metrics);
                assertTrue(metrics.contains("lepton_input_drift_psi{field=\"description\"} "), metrics);
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void int8AndFp16ArtifactsAreSmallerMeasuredAndVerified() throws Exception {
        for (Precision precision : List.of(Precision.INT8, Precision.FP16)) {
            Promoted compressed = Lepton.promote(
                    textRun,
                    PromoteOptions.builder("packages-" + precision.label())
                            .optQuantize(precision)
                            .optTolerance(0.5)
                            .build());
            assertTrue(compressed.compression().startsWith(precision.label() + " weights: test_accuracy"));
            try (ZipFile zip = new ZipFile(compressed.model().artifact().toFile())) {
                assertTrue(zip.getEntry(ArtifactLayout.WEIGHTS) != null);
                assertTrue(zip.getEntry(ArtifactLayout.PARAMETERS) == null);
            }
            EntryInflation.assertFarBelowTheLimit(compressed.model().artifact());
            try (LeptonModel model = LeptonModel.load(compressed.model().artifact());
                    LeptonModel original = LeptonModel.load(fp32.model().artifact())) {
                assertEquals(precision, model.precision());
                assertEquals(precision, model.manifest().precision());
                Manifest.Compression facts = model.manifest().compression();
                assertEquals(
                        model.manifest().metrics().keySet(), facts.fp32Metrics().keySet());
                double ratio = (double) facts.weightsBytes() / facts.fp32WeightsBytes();
                // rows of 16 here, so the per-row scales weigh more than in MiniLM (384 wide)
                assertTrue(
                        ratio < (precision == Precision.INT8 ? 0.35 : 0.55),
                        precision + " weights: " + ratio + " of fp32");
                List<Prediction> ours = model.predictBatch(heldOut);
                List<Prediction> theirs = original.predictBatch(heldOut);
                double largest = 0;
                for (int row = 0; row < ours.size(); row++) {
                    for (String label : model.schema().labels()) {
                        largest = Math.max(
                                largest,
                                Math.abs(ours.get(row).probabilities().get(label)
                                        - theirs.get(row).probabilities().get(label)));
                    }
                }
                assertTrue(largest < 0.05, precision + " moved a probability by " + largest);
            }
        }
    }

    @Test
    void compressionThatCostsMoreThanTheToleranceIsRefusedAndRegistersNothing() throws Exception {
        // int8 raises this network's held-out RMSE by a little over 1 %: more than the default tolerance
        PromotionException refused = assertThrows(
                PromotionException.class,
                () -> Lepton.promote(
                        regressionRun,
                        PromoteOptions.builder("flipper")
                                .optQuantize(Precision.INT8)
                                .build()));
        assertTrue(
                refused.getMessage().contains("int8 weights: test_rmse")
                        && refused.getMessage().contains("more than the tolerance 0.01")
                        && refused.getMessage().contains("Nothing was registered"),
                refused.getMessage());
        assertFalse(Lepton.isRegistered("flipper"), "a refused promotion registers nothing");
        Promoted loose = Lepton.promote(
                regressionRun,
                PromoteOptions.builder("flipper")
                        .optQuantize(Precision.INT8)
                        .optTolerance(0.05)
                        .build());
        try (LeptonModel model = LeptonModel.load(loose.model().artifact())) {
            double cost = model.manifest().compression().cost();
            assertTrue(cost > 0.01 && cost <= 0.05, loose.compression());
            assertTrue(model.modelCard().contains("## Precision")
                    && model.modelCard().contains("stored as int8"));
        }
        PromotionException badTolerance = assertThrows(
                PromotionException.class,
                () -> PromoteOptions.builder("flipper").optTolerance(2.0).build());
        assertTrue(badTolerance.getMessage().contains("a number from 0 to 1"), badTolerance.getMessage());
    }

    @Test
    void weightsChangedAfterTrainingAreRefused() throws Exception {
        Path weights = Training.finalWeights(Lepton.store().find(textRun)).resolve("weights.safetensors");
        byte[] trained = Files.readAllBytes(weights);
        byte[] changed = trained.clone();
        changed[changed.length - 1] ^= 0x01;
        Files.write(weights, changed);
        try {
            PromotionException refused =
                    assertThrows(PromotionException.class, () -> Lepton.promote(textRun, "packages-changed"));
            assertTrue(
                    refused.getMessage().contains("are not the ones run " + textRun + " recorded"),
                    refused.getMessage());
        } finally {
            Files.write(weights, trained);
        }
    }

    @Test
    void aSwappedTokenizerInsideTheArtifactIsRefusedByItsChecksum() throws Exception {
        byte[] artifact = Files.readAllBytes(fp32.model().artifact());
        byte[] swapped = rewrite(artifact, ArtifactLayout.TOKENIZER, "{\"version\": \"1.0\"}".getBytes());
        ArtifactException refused =
                assertThrows(ArtifactException.class, () -> LeptonModel.load(swapped, "swapped.lepton"));
        assertTrue(
                refused.getMessage().contains("Checksum check failed")
                        && refused.getMessage().contains(ArtifactLayout.TOKENIZER),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("Exception"), refused.getMessage());
    }

    private static byte[] rewrite(byte[] zip, String entry, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry next; (next = in.getNextEntry()) != null; ) {
                byte[] data = in.readAllBytes();
                out.putNextEntry(new ZipEntry(next.getName()));
                out.write(next.getName().equals(entry) ? content : data);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
