package ai.lepton.train;

import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Fingerprint;
import ai.lepton.data.Task;
import ai.lepton.data.load.ImageSet;
import ai.lepton.data.prepare.HeldOutRows;
import ai.lepton.data.prepare.ImageInput;
import ai.lepton.data.prepare.Prepared;
import ai.lepton.track.Lineage;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What a run trains and validates on: prepared rows (flat features) or images (rows of shape C×H×W), the task, the
 * class labels, and where the data came from, which every run trained on it records as its {@link Lineage}. Data
 * prepared from a table ({@link #of(Prepared)}) keeps that table's held-out test rows, and images given with test images
 * keep those, so its runs can be promoted and plotted on rows they never trained on.
 */
public final class TrainingData {

    private final FeatureMatrix train;
    private final FeatureMatrix validation;
    private final Task task;
    private final List<String> labels;
    private final long[] rowShape;
    private final Prepared prepared;
    /** Test images kept for promotion; null when images came without them, or for other data. */
    private final ImageSet testImages;

    private final String origin;
    /** Computed on first use and shared: fingerprinting a large table takes seconds, and a sweep's trials all need it. */
    private Lineage lineage;

    /**
     * Your own matrices.
     *
     * @param train      training rows with labels
     * @param validation validation rows with labels (may be empty: then no validation metrics)
     * @param task       classification or regression
     * @param labels     class names in index order; empty for regression
     * @param rowShape   the shape of one row as the model sees it
     * @param origin     what the data is, as runs record it: "synthetic rows", "1200 training images"
     */
    public TrainingData(
            FeatureMatrix train,
            FeatureMatrix validation,
            Task task,
            List<String> labels,
            long[] rowShape,
            String origin) {
        this(train, validation, task, labels, rowShape, null, null, origin);
    }

    private TrainingData(
            FeatureMatrix train,
            FeatureMatrix validation,
            Task task,
            List<String> labels,
            long[] rowShape,
            Prepared prepared,
            ImageSet testImages,
            String origin) {
        this.train = train;
        this.validation = validation;
        this.task = task;
        this.labels = List.copyOf(labels);
        this.rowShape = rowShape.clone();
        this.prepared = prepared;
        this.testImages = testImages;
        this.origin = origin;
        if (train.labels() == null) {
            throw new TrainingException("The training rows have no labels: prepare the data with a target.");
        }
        if (task == Task.CLASSIFICATION && labels.size() < 2) {
            throw new TrainingException("Classification needs at least two classes, but the training labels hold "
                    + labels.size() + " (" + String.join(", ", labels) + "). Check the target column.");
        }
        long size = Arrays.stream(rowShape).reduce(1, Math::multiplyExact);
        if (size != train.columns()) {
            throw new TrainingException("A row shape of " + Arrays.toString(rowShape) + " holds " + size
                    + " values, but the rows have " + train.columns() + " features.");
        }
    }

    /** Data written by a sweep for its trials elsewhere ({@link TrainingDataFile}), with the lineage it had there. */
    static TrainingData restored(
            FeatureMatrix train,
            FeatureMatrix validation,
            Task task,
            List<String> labels,
            long[] rowShape,
            String origin,
            Lineage lineage) {
        TrainingData data = new TrainingData(train, validation, task, labels, rowShape, null, null, origin);
        data.lineage = lineage;
        return data;
    }

    /** What runs record the data as, when it is not a prepared table or images. */
    String origin() {
        return origin;
    }

    /** A prepared table: its training and validation splits; runs record the table, the preparation and the test rows. */
    public static TrainingData of(Prepared prepared) {
        return new TrainingData(
                prepared.train(),
                prepared.validation(),
                prepared.preparation().task(),
                prepared.preparation().labels(),
                new long[] {prepared.train().columns()},
                prepared,
                null,
                null);
    }

    /**
     * Images: {@code train} and {@code validation} with the same classes and size. Their runs cannot be promoted or
     * explained: give test images too for that.
     */
    public static TrainingData of(ImageSet train, ImageSet validation) {
        return images(train, validation, null);
    }

    /**
     * Images with held-out {@code test} images, which runs keep (under {@code LEPTON_HOME/heldout}) so that they can be
     * promoted and plotted on images they never trained on.
     */
    public static TrainingData of(ImageSet train, ImageSet validation, ImageSet test) {
        if (test.count() == 0) {
            throw new TrainingException("The test images are empty; promotion judges a model on them. Keep a share"
                    + " of the images for testing, for example with split(0.5, seed) of the validation images.");
        }
        return images(train, validation, test);
    }

    private static TrainingData images(ImageSet train, ImageSet validation, ImageSet test) {
        for (ImageSet other : test == null ? List.of(validation) : List.of(validation, test)) {
            if (!train.classes().equals(other.classes())
                    || train.channels() != other.channels()
                    || train.height() != other.height()
                    || train.width() != other.width()) {
                throw new TrainingException("The " + (other == test ? "test" : "validation")
                        + " images differ from the training images: classes " + train.classes() + " vs "
                        + other.classes() + ", size " + shape(train) + " vs " + shape(other) + ".");
            }
        }
        return new TrainingData(
                train.toFeatureMatrix(),
                validation.toFeatureMatrix(),
                Task.CLASSIFICATION,
                train.classes(),
                new long[] {train.channels(), train.height(), train.width()},
                null,
                test,
                train.count() + " training images");
    }

    private static String shape(ImageSet images) {
        return images.channels() + "×" + images.height() + "×" + images.width();
    }

    /**
     * The first {@code count} training rows of each class, in the split's shuffled order, with the same validation rows
     * and the same source: few-label experiments on one preparation, whose runs still record the table and its held-out
     * rows.
     */
    public TrainingData perClass(int count) {
        if (task != Task.CLASSIFICATION) {
            throw new TrainingException(
                    "perClass(" + count + ") picks rows by class, and this data is for regression.");
        }
        if (count < 1) {
            throw new TrainingException("perClass takes at least 1 row per class; got " + count + ".");
        }
        int[] taken = new int[labels.size()];
        int[] picks = IntStream.range(0, train.rows())
                .filter(row -> taken[(int) train.labels()[row]]++ < count)
                .toArray();
        return new TrainingData(
                train.select(picks),
                validation,
                task,
                labels,
                rowShape,
                prepared,
                testImages,
                origin == null ? null : origin + ", " + count + " per class");
    }

    public FeatureMatrix train() {
        return train;
    }

    public FeatureMatrix validation() {
        return validation;
    }

    public Task task() {
        return task;
    }

    public List<String> labels() {
        return labels;
    }

    public long[] rowShape() {
        return rowShape.clone();
    }

    /** Whether the rows have free text, which only a pretrained language model reads. */
    public boolean hasText() {
        return train.hasText();
    }

    /**
     * Where the data came from. For a prepared table: its name and fingerprint, the preparation, and its test rows, kept
     * under {@code LEPTON_HOME/heldout} the first time this is asked.
     */
    public synchronized Lineage lineage() {
        if (lineage == null) {
            lineage = prepared == null
                    ? imageOrOtherLineage()
                    : Lineage.ofTable(
                            prepared.source().name(),
                            Fingerprint.of(prepared.source()),
                            prepared.preparation().toJson(),
                            HeldOutRows.save(prepared.source(), prepared.testRows()),
                            train.rows(),
                            validation.rows(),
                            labels);
        }
        return lineage;
    }

    private Lineage imageOrOtherLineage() {
        if (testImages == null) {
            return Lineage.ofOrigin(origin, train.rows(), validation.rows(), labels);
        }
        ImageInput input = ImageInput.of(testImages);
        return Lineage.ofImages(
                origin,
                input.toJson(),
                HeldOutRows.save(input.rows(testImages)),
                train.rows(),
                validation.rows(),
                labels);
    }

    public int outputs() {
        return task == Task.CLASSIFICATION ? labels.size() : 1;
    }
}
