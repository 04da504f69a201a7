package ai.lepton.train;

import ai.djl.ndarray.NDManager;
import ai.lepton.ResidentMemory;
import ai.lepton.base.Settings;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.track.RunStore;
import ai.lepton.train.listener.EpochEnd;
import ai.lepton.train.listener.TrainingListener;
import ai.lepton.train.loop.Training;
import ai.lepton.train.loop.TrainingTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Trains 50 epochs and prints the resident memory ("rss KB") and live NDArrays after each, for {@link TrainingTest}'s memory check. */
public final class FiftyEpochs {

    private FiftyEpochs() {}

    public static void main(String[] args) throws Exception {
        int rows = 4096;
        int columns = 256;
        Random random = new Random(1);
        float[] features = new float[rows * columns];
        float[] labels = new float[rows];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) random.nextGaussian();
        }
        for (int row = 0; row < rows; row++) {
            labels[row] = features[row * columns] > 0 ? 1 : 0;
        }
        FeatureMatrix train = new FeatureMatrix(features, labels, rows, Collections.nCopies(columns, "x"));
        FeatureMatrix validation = new FeatureMatrix(
                Arrays.copyOf(features, 256 * columns),
                Arrays.copyOf(labels, 256),
                256,
                Collections.nCopies(columns, "x"));
        TrainingData data = new TrainingData(
                train, validation, Task.CLASSIFICATION, List.of("no", "yes"), new long[] {columns}, "synthetic rows");
        Path home = Settings.HOME.get();
        Files.createDirectories(home);
        NDManager system;
        try (NDManager probe = NDManager.newBaseManager()) {
            system = probe.getParentManager(); // the engine's root manager: every live array is below it
        }
        TrainingListener printer = new TrainingListener() {
            @Override
            public Decision onEpochEnd(EpochEnd epoch) {
                System.out.println("rss " + ResidentMemory.kilobytes());
                System.out.println("arrays " + system.getManagedArrays().size());
                return Decision.CONTINUE;
            }
        };
        try (RunStore store = RunStore.open("jdbc:sqlite:" + home.resolve("runs.db"));
                TrainingResult ignored = Training.train(
                        store,
                        "fifty",
                        data,
                        TrainOptions.parse("hidden: [128]\nepochs: 50\nbatch: 512\ndevice: cpu"),
                        printer)) {
            System.out.println("done");
        }
    }
}
