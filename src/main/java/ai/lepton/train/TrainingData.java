package ai.lepton.train;

import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.ImageSet;
import ai.lepton.data.Prepared;
import ai.lepton.data.Task;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a run trains and validates on: prepared rows (flat features) or images (rows of shape C×H×W),
 * the task, the class labels, and the lineage the run records.
 *
 * @param train      training rows with labels
 * @param validation validation rows with labels (may be empty: then no validation metrics)
 * @param task       classification or regression
 * @param labels     class names in index order; empty for regression
 * @param rowShape   the shape of one row as the model sees it
 * @param lineage    what the data came from: fingerprints, the preparation's JSON
 */
public record TrainingData(
        FeatureMatrix train,
        FeatureMatrix validation,
        Task task,
        List<String> labels,
        long[] rowShape,
        Map<String, Object> lineage) {

    public TrainingData {
        labels = List.copyOf(labels);
        rowShape = rowShape.clone();
        lineage = Map.copyOf(lineage);
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

    /** Prepared tabular data: its training and validation splits, with the preparation as lineage. */
    public static TrainingData of(Prepared prepared) {
        return new TrainingData(
                prepared.train(),
                prepared.validation(),
                prepared.preparation().task(),
                prepared.preparation().labels(),
                new long[] {prepared.train().columns()},
                Map.of("preparation", prepared.preparation().toJson()));
    }

    /** Images: {@code train} and {@code validation} with the same classes and size. */
    public static TrainingData of(ImageSet train, ImageSet validation) {
        if (!train.classes().equals(validation.classes())
                || train.height() != validation.height()
                || train.width() != validation.width()) {
            throw new TrainingException("The training and validation images differ: classes " + train.classes() + " vs "
                    + validation.classes() + ", size " + train.height() + "×" + train.width() + " vs "
                    + validation.height() + "×"
                    + validation.width() + ".");
        }
        return new TrainingData(
                train.toFeatureMatrix(),
                validation.toFeatureMatrix(),
                Task.CLASSIFICATION,
                train.classes(),
                new long[] {train.channels(), train.height(), train.width()},
                Map.of("images", train.count() + " training images"));
    }

    int outputs() {
        return task == Task.CLASSIFICATION ? labels.size() : 1;
    }
}
