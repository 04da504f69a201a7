package ai.lepton.train;

import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.data.prepare.Preparer;

import java.nio.file.Path;

/** The training data tests share: the same rows and features in every process. */
public final class TrainingTestData {

    private TrainingTestData() {}

    /** Penguin species from the prepared penguins table, stratified split. */
    public static TrainingData penguins() {
        var table = DataLoader.csv(Path.of("..", "datasets", "penguins.csv"), CsvOptions.defaults())
                .table();
        return TrainingData.of(Preparer.prepare(
                table, PrepareOptions.builder("species").optStratify(true).build()));
    }
}
