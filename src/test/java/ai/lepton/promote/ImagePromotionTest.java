package ai.lepton.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.IsolatedHome;
import ai.lepton.base.Settings;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.load.ImageSet;
import ai.lepton.data.prepare.HeldOutRows;
import ai.lepton.evaluate.EvaluationException;
import ai.lepton.evaluate.RunModel;
import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.Prediction;
import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.cli.RowFiles;
import ai.lepton.runtime.input.InputException;
import ai.lepton.runtime.weights.Precision;
import ai.lepton.track.RunStore;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingException;
import ai.lepton.train.TrainingResult;
import ai.lepton.train.loop.Training;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Promotion of an image classifier: the CNN the repository ships, fine-tuned on the 8×8 digits 5–9, is promoted with its
 * held-out test images; the runtime takes pixels, encoded PNG bytes, base64 text and image files, and refuses what it
 * cannot read, saying why.
 */
@ExtendWith(IsolatedHome.class)
class ImagePromotionTest {

    private static RunStore store;
    private static ImageSet test;
    private static String runId;
    private static Promoted promoted;

    @BeforeAll
    static void trainAndPromote() {
        store = RunStore.open(Settings.STORE.get());
        Table digits = DataLoader.csv(Path.of("..", "datasets", "digits.csv"), CsvOptions.defaults())
                .table();
        Table high = digits.where(digits.numberColumn("digit").isGreaterThanOrEqualTo(5));
        List<ImageSet> halves = ImageSet.fromTable(high, "digit", 8, 8, 16).split(0.5, 3);
        List<ImageSet> rest = halves.get(1).split(0.5, 4);
        test = rest.get(1);
        TrainingData data = TrainingData.of(halves.get(0), rest.get(0), test);
        try (TrainingResult result = Training.train(
                store,
                "digits-tuned",
                data,
                TrainOptions.parse("epochs: 4\nbatch: 16\nlr: 1e-2\nseed: 5\ntrainable: 0\npretrained: '"
                        + Path.of("..", "models", "digits-cnn-0to4") + "'\n"))) {
            runId = result.runId();
        }
        promoted = Promotion.promote(store, Registry.open(), runId, PromoteOptions.named("digits"));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void theGateReproducesTheHeldOutImagesAndTheCardSaysWhatDoesNotApply() throws Exception {
        assertEquals(test.count(), promoted.gate().rows());
        assertTrue(
                promoted.gate().metrics().get("test_accuracy") > 0.5,
                promoted.gate().metrics().toString());
        assertTrue(promoted.importance().isEmpty());
        try (LeptonModel model = LeptonModel.load(promoted.model().artifact())) {
            assertEquals("image", model.schema().fields().getFirst().type());
            assertEquals(List.of("5", "6", "7", "8", "9"), model.schema().labels());
            String card = model.modelCard();
            assertTrue(card.contains("1×8×8 (grey)"), card);
            assertTrue(card.contains("Does not apply"), card);
        }
        try (RunModel model = RunModel.open(store, runId)) {
            String refused =
                    assertThrows(EvaluationException.class, model::explain).getMessage();
            assertTrue(refused.contains("permutation importance does not apply"), refused);
        }
    }

    @Test
    void theRuntimeTakesPixelsPngBytesBase64AndFiles() throws Exception {
        Path folder = Files.createDirectories(Settings.HOME.get().resolve("to-predict/sevens"));
        try (LeptonModel model = LeptonModel.load(promoted.model().artifact())) {
            List<Map<String, Object>> rows = new ArrayList<>();
            List<Map<String, Object>> pngRows = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                float[] pixels = Arrays.copyOfRange(test.pixels(), i * 64, (i + 1) * 64);
                rows.add(Map.of("image", pixels));
                byte[] png = png(pixels);
                Files.write(folder.resolve("digit-" + i + ".png"), png);
                pngRows.add(
                        Map.of("image", i % 2 == 0 ? png : Base64.getEncoder().encodeToString(png)));
            }
            List<Prediction> fromPixels = model.predictBatch(rows);
            List<Prediction> fromPng = model.predictBatch(pngRows);
            for (int i = 0; i < rows.size(); i++) {
                // the digits' 17 grey levels survive an 8-bit PNG to the nearest 1/255
                assertEquals(
                        fromPixels.get(i).probabilities().get(fromPixels.get(i).label()),
                        fromPng.get(i).probabilities().get(fromPixels.get(i).label()),
                        0.005);
            }
            List<Map<String, Object>> files = RowFiles.read(folder.getParent(), model.schema());
            assertEquals(6, files.size());
            String lines = RowFiles.format(model.predictBatch(files), files, model.schema(), false);
            assertTrue(lines.startsWith("{\"file\":\"" + folder.resolve("digit-0.png")), lines);
            assertEquals(
                    fromPng.get(5).label(),
                    model.predict(Map.of("image", folder.resolve("digit-5.png")))
                            .label());
        }
    }

    @Test
    void imagesTheModelCannotReadAreRefusedSayingWhy() throws Exception {
        try (LeptonModel model = LeptonModel.load(promoted.model().artifact())) {
            assertRefused(model, new float[3 * 64], "has 192 pixel values (3 channels of 8×8)");
            assertRefused(model, new byte[] {1, 2, 3}, "cannot be decoded as an image");
            assertRefused(model, "not base64!", "base64");
            float[] bright = new float[64];
            bright[3] = 255;
            assertRefused(model, bright, "divide 0–255 values by 255");
            assertRefused(model, List.of(List.of(0.5, "x")), "pixel values must be numbers");
            String missing = assertThrows(
                            InputException.class, () -> model.predict(Collections.singletonMap("image", null)))
                    .getMessage();
            assertTrue(missing.contains("missing an image"), missing);
        }
        ImageSet rgb = ImageSet.fromArrays(new float[3 * 64 * 2], new int[] {0, 1}, 3, 8, 8, List.of("5", "6"));
        ImageSet grey = ImageSet.fromArrays(new float[64 * 2], new int[] {0, 1}, 1, 8, 8, List.of("5", "6"));
        String mixed = assertThrows(TrainingException.class, () -> TrainingData.of(grey, grey, rgb))
                .getMessage();
        assertTrue(mixed.contains("test images differ"), mixed);
    }

    @Test
    void anInt8ImageModelIsMeasuredAndServedFromItsCompressedWeights() throws Exception {
        Promoted int8 = Promotion.promote(
                store,
                Registry.open(),
                runId,
                PromoteOptions.builder("digits-int8")
                        .optQuantize(Precision.INT8)
                        .optTolerance(0.05)
                        .build());
        assertTrue(int8.compression().startsWith("int8 weights: test_accuracy"), int8.compression());
        try (LeptonModel model = LeptonModel.load(int8.model().artifact())) {
            assertEquals(Precision.INT8, model.precision());
            assertTrue(model.modelCard().contains("stored as int8"));
        }
        assertTrue(Files.size(int8.model().artifact())
                < Files.size(promoted.model().artifact()));
        assertTrue(Files.exists(HeldOutRows.file(store.find(runId).lineage().heldOutSha256())));
        try (ZipFile zip = new ZipFile(int8.model().artifact().toFile())) {
            assertTrue(zip.getEntry(ArtifactLayout.WEIGHTS) != null);
        }
        EntryInflation.assertFarBelowTheLimit(int8.model().artifact());
        EntryInflation.assertFarBelowTheLimit(promoted.model().artifact());
    }

    private static void assertRefused(LeptonModel model, Object image, String expected) {
        String message = assertThrows(InputException.class, () -> model.predict(Map.of("image", image)))
                .getMessage();
        assertTrue(message.contains(expected), message);
    }

    private static byte[] png(float[] pixels) throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < 64; p++) {
            int grey = Math.round(pixels[p] * 255);
            image.getRaster().setSample(p % 8, p / 8, 0, grey);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
