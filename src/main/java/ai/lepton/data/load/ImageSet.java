package ai.lepton.data.load;

import ai.lepton.base.Suggestions;
import ai.lepton.data.DataException;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.batch.BatchDataset;
import ai.lepton.runtime.input.ImagePixels;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Labelled images as one contiguous buffer: {@code count × channels × height × width} floats in
 * [0, 1], row after row, and a class index per image. Made from a folder with one sub-folder per
 * class, from arrays in memory, or from a table of pixel columns.
 *
 * @param pixels   all images, channel-major within each image
 * @param labels   the class index of each image
 * @param classes  class names in index order
 */
public record ImageSet(
        float[] pixels, float[] labels, int count, int channels, int height, int width, List<String> classes) {

    public ImageSet {
        classes = List.copyOf(classes);
        if (pixels.length != (long) count * channels * height * width || labels.length != count) {
            throw new DataException(
                    "The image data does not fit its shape: " + pixels.length + " pixel values and " + labels.length
                            + " labels for " + count + " images of " + channels + "×" + height + "×" + width + ".");
        }
    }

    /** Images from arrays: {@code pixels} holds {@code labels.length} images of channels × height × width values in [0, 1]. */
    public static ImageSet fromArrays(
            float[] pixels, int[] labels, int channels, int height, int width, List<String> classes) {
        float[] asFloats = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes.size()) {
                throw new DataException("Image " + i + " has label " + labels[i] + ", but there are " + classes.size()
                        + " classes (0 to " + (classes.size() - 1) + ").");
            }
            asFloats[i] = labels[i];
        }
        return new ImageSet(pixels, asFloats, labels.length, channels, height, width, classes);
    }

    /**
     * Images from a table with one row per image: the pixel columns (all but {@code label}, in order)
     * divided by {@code maxValue}, for example the 8×8 digits with values 0–16.
     */
    public static ImageSet fromTable(Table table, String label, int height, int width, double maxValue) {
        if (!table.containsColumn(label)) {
            throw new DataException(
                    "Unknown label column '" + label + "'." + Suggestions.didYouMean("", label, table.columnNames())
                            + " Columns: " + String.join(", ", table.columnNames()) + ".");
        }
        List<Column<?>> pixelColumns =
                table.columns().stream().filter(c -> !c.name().equals(label)).toList();
        if (pixelColumns.size() != height * width) {
            throw new DataException("The table has " + pixelColumns.size() + " pixel columns, but " + height + "×"
                    + width + " images need " + height * width + ".");
        }
        List<String> classes =
                List.copyOf(new TreeSet<>(table.column(label).asStringColumn().asList()));
        float[] pixels = new float[table.rowCount() * height * width];
        float[] labels = new float[table.rowCount()];
        for (int p = 0; p < pixelColumns.size(); p++) {
            if (!(pixelColumns.get(p) instanceof NumericColumn<?> numbers)) {
                throw new DataException("Pixel column '" + pixelColumns.get(p).name() + "' holds text, not numbers.");
            }
            for (int row = 0; row < table.rowCount(); row++) {
                pixels[row * height * width + p] = (float) (numbers.getDouble(row) / maxValue);
            }
        }
        for (int row = 0; row < table.rowCount(); row++) {
            labels[row] = classes.indexOf(table.column(label).getString(row));
        }
        return new ImageSet(pixels, labels, table.rowCount(), 1, height, width, classes);
    }

    /**
     * Images from {@code root}/CLASS/IMAGE files (PNG, JPEG, GIF, BMP), resized to height × width,
     * as grey (1 channel) or RGB (3 channels). Classes are the sub-folders, sorted by name.
     */
    public static ImageSet fromFolder(Path root, int height, int width, boolean grey) {
        if (!Files.isDirectory(root)) {
            throw new DataException("No folder " + root + " (looked for " + root.toAbsolutePath()
                    + "). Give a folder with one sub-folder per class.");
        }
        List<Path> classFolders =
                list(root).stream().filter(Files::isDirectory).sorted().toList();
        if (classFolders.isEmpty()) {
            throw new DataException(
                    root + " has no sub-folders. Put each class's images in a sub-folder named after the class.");
        }
        int channels = grey ? 1 : 3;
        int size = channels * height * width;
        List<float[]> images = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        for (int index = 0; index < classFolders.size(); index++) {
            List<Path> files = list(classFolders.get(index)).stream()
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            for (Path file : files) {
                images.add(pixels(file, height, width, grey));
                labels.add((float) index);
            }
            if (files.isEmpty()) {
                throw new DataException(
                        "Class folder " + classFolders.get(index) + " has no images. Add some, or remove the folder.");
            }
        }
        float[] all = new float[images.size() * size];
        float[] labelArray = new float[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * size, size);
            labelArray[i] = labels.get(i);
        }
        return new ImageSet(
                all,
                labelArray,
                images.size(),
                channels,
                height,
                width,
                classFolders.stream()
                        .map(folder -> folder.getFileName().toString())
                        .toList());
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        } catch (IOException e) {
            throw new DataException("Cannot list " + folder + ": " + e.getMessage());
        }
    }

    private static float[] pixels(Path file, int height, int width, boolean grey) {
        if (!ImagePixels.isImageFile(file.getFileName().toString())) {
            throw new DataException(file + " is not an image file (expected "
                    + String.join(", ", new TreeSet<>(ImagePixels.FILE_ENDINGS))
                    + "). Move it out of the class folders.");
        }
        BufferedImage image;
        try {
            image = ImagePixels.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + ": " + e.getMessage());
        }
        if (image == null) {
            throw new DataException(file + " cannot be read as an image: the file is damaged or not really the format"
                    + " its name says.");
        }
        return ImagePixels.of(image, grey ? 1 : 3, height, width);
    }

    /** The images as feature rows, for {@link BatchDataset} (give it {@code optRowShape(channels, height, width)}). */
    public FeatureMatrix toFeatureMatrix() {
        int size = channels * height * width;
        List<String> names = new AbstractList<>() { // generated on demand: an image has too many pixels to name eagerly
                    @Override
                    public String get(int index) {
                        return "pixel" + index;
                    }

                    @Override
                    public int size() {
                        return size;
                    }
                };
        return new FeatureMatrix(pixels, labels, count, names);
    }

    /** The images at {@code indices}, in that order, with the same classes. */
    public ImageSet subset(int[] indices) {
        int size = channels * height * width;
        float[] chosenPixels = new float[indices.length * size];
        float[] chosenLabels = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * size, chosenPixels, i * size, size);
            chosenLabels[i] = labels[indices[i]];
        }
        return new ImageSet(chosenPixels, chosenLabels, indices.length, channels, height, width, classes);
    }

    /**
     * A seeded split into training and validation images, keeping each class's share: the first of the
     * two holds {@code 1 - validationShare} of every class.
     */
    public List<ImageSet> split(double validationShare, long seed) {
        if (!(validationShare > 0 && validationShare < 1)) {
            throw new DataException("The validation share must be between 0 and 1; got " + validationShare + ".");
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (List<Integer> members : shuffledByClass(seed)) {
            int held = (int) Math.round(members.size() * validationShare);
            validation.addAll(members.subList(0, held));
            train.addAll(members.subList(held, members.size()));
        }
        return List.of(
                subset(train.stream().mapToInt(Integer::intValue).toArray()),
                subset(validation.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** At most {@code perClass} images of each class, drawn with {@code seed}: a few-label training set. */
    public ImageSet perClass(int perClass, long seed) {
        List<Integer> chosen = new ArrayList<>();
        for (List<Integer> members : shuffledByClass(seed)) {
            chosen.addAll(members.subList(0, Math.min(perClass, members.size())));
        }
        return subset(chosen.stream().mapToInt(Integer::intValue).toArray());
    }

    private List<List<Integer>> shuffledByClass(long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            byClass.get((int) labels[i]).add(i);
        }
        Random random = new Random(seed);
        byClass.forEach(members -> Collections.shuffle(members, random));
        return byClass;
    }
}
