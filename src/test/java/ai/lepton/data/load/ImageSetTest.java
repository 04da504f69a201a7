package ai.lepton.data.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.lepton.data.DataException;
import ai.lepton.data.Task;
import ai.lepton.data.batch.BatchDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class ImageSetTest {

    @TempDir
    Path dir;

    private void image(Path file, int size, Color color) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, color.getRGB());
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void readsAFolderOfClassFoldersResizedAndScaled() throws IOException {
        image(dir.resolve("cats/a.png"), 20, Color.WHITE);
        image(dir.resolve("cats/b.png"), 12, Color.WHITE);
        image(dir.resolve("dogs/c.png"), 16, new Color(255, 0, 0));
        ImageSet rgb = ImageSet.fromFolder(dir, 8, 8, false);
        assertEquals(List.of("cats", "dogs"), rgb.classes());
        assertEquals(3, rgb.count());
        assertEquals(3, rgb.channels());
        assertEquals(1f, rgb.pixels()[0]); // white, red channel
        int dog = 2 * 3 * 64;
        assertEquals(1f, rgb.pixels()[dog]); // red channel of the red dog
        assertEquals(0f, rgb.pixels()[dog + 64]); // its green channel
        assertEquals(1f, rgb.labels()[2]);
        ImageSet grey = ImageSet.fromFolder(dir, 4, 4, true);
        assertEquals(1, grey.channels());
        assertEquals(3 * 16, grey.pixels().length);
    }

    @Test
    void badFoldersAreNamed() throws IOException {
        assertMessage(() -> ImageSet.fromFolder(dir.resolve("none"), 8, 8, true), "No folder");
        assertMessage(() -> ImageSet.fromFolder(dir, 8, 8, true), "has no sub-folders");
        Files.createDirectories(dir.resolve("empty"));
        assertMessage(() -> ImageSet.fromFolder(dir, 8, 8, true), "has no images");
        Files.writeString(dir.resolve("empty/notes.txt"), "hello");
        assertMessage(() -> ImageSet.fromFolder(dir, 8, 8, true), "notes.txt is not an image file");
        Files.delete(dir.resolve("empty/notes.txt"));
        Files.writeString(dir.resolve("empty/broken.png"), "not a png");
        assertMessage(() -> ImageSet.fromFolder(dir, 8, 8, true), "broken.png cannot be read as an image");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        DataException error = assertThrows(DataException.class, call);
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void theDigitsTableBecomesGreyImagesThatBatchAsNchw() {
        var digits = DataLoader.csv(Path.of("..", "datasets", "digits.csv"), CsvOptions.defaults())
                .table();
        ImageSet images = ImageSet.fromTable(digits, "digit", 8, 8, 16);
        assertEquals(1797, images.count());
        assertEquals(10, images.classes().size());
        assertEquals(digits.intColumn("p2").get(0) / 16f, images.pixels()[2]);
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchDataset batches = BatchDataset.builder(images.toFeatureMatrix(), Task.CLASSIFICATION)
                    .optBatchSize(32)
                    .optRowShape(1, 8, 8)
                    .build();
            Batch first = batches.getData(manager).iterator().next();
            assertEquals(new Shape(32, 1, 8, 8), first.getData().head().getShape());
            first.close();
        }
        assertMessage(
                () -> BatchDataset.builder(images.toFeatureMatrix(), Task.CLASSIFICATION)
                        .optRowShape(3, 8, 8),
                "holds 192 values, but each row has 64");
        assertMessage(() -> ImageSet.fromTable(digits, "digit", 7, 7, 16), "64 pixel columns, but 7×7 images need 49");
    }

    @Test
    void arraysInMemoryAreChecked() {
        ImageSet set = ImageSet.fromArrays(new float[2 * 4], new int[] {0, 1}, 1, 2, 2, List.of("no", "yes"));
        assertEquals(2, set.count());
        assertMessage(
                () -> ImageSet.fromArrays(new float[8], new int[] {0, 2}, 1, 2, 2, List.of("no", "yes")),
                "has label 2, but there are 2 classes");
        assertMessage(
                () -> ImageSet.fromArrays(new float[7], new int[] {0, 1}, 1, 2, 2, List.of("no", "yes")),
                "does not fit its shape");
    }
}
