package ai.lepton.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.IsolatedHome;
import ai.lepton.base.Settings;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.track.Metric;
import ai.lepton.track.MetricPoint;
import ai.lepton.track.RunStore;
import ai.lepton.train.loop.Training;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/** The metrics training records: each declared once with its direction, and followed in that direction. */
@ExtendWith(IsolatedHome.class)
class MetricsTest {

    private static RunStore store;

    @BeforeAll
    static void setUp() {
        store = RunStore.open("jdbc:sqlite:" + Settings.HOME.get().resolve("runs.db"));
    }

    @AfterAll
    static void tearDown() {
        store.close();
    }

    /** y = 2x + 1 on 64 rows; {@code validationRows} more rows to validate on. */
    private static TrainingData line(int validationRows) {
        return new TrainingData(
                rows(64, 0), rows(validationRows, 64), Task.REGRESSION, List.of(), new long[] {1}, "a line");
    }

    private static FeatureMatrix rows(int count, int from) {
        float[] x = new float[count];
        float[] y = new float[count];
        for (int row = 0; row < count; row++) {
            x[row] = (row + from) / 100f;
            y[row] = 2 * x[row] + 1;
        }
        return new FeatureMatrix(x, y, count, List.of("x"));
    }

    private static List<String> recordedNames(String runId) {
        return List.copyOf(new TreeSet<>(
                store.metrics(runId).stream().map(MetricPoint::name).toList()));
    }

    @Test
    void everyMetricTrainingRecordsIsDeclaredWithItsDirectionAndHowOftenItIsRecorded() {
        TrainOptions twoEpochs = TrainOptions.parse("hidden: [8]\nepochs: 2\nbatch: 16\ndevice: cpu");
        List<String> names = new ArrayList<>();
        try (TrainingResult classified = Training.train(store, "classified", TrainingTestData.penguins(), twoEpochs)) {
            names.addAll(recordedNames(classified.runId()));
        }
        try (TrainingResult fitted = Training.train(store, "fitted", line(16), twoEpochs)) {
            names.addAll(recordedNames(fitted.runId()));
        }
        assertEquals(
                List.of(
                        "accuracy",
                        "loss",
                        "step_loss",
                        "val_accuracy",
                        "val_auc",
                        "val_f1",
                        "val_loss",
                        "loss",
                        "step_loss",
                        "val_loss",
                        "val_mae",
                        "val_r2",
                        "val_rmse"),
                names);
        for (String name : names) {
            Metric metric = Metric.declared(name).orElseThrow(() -> new AssertionError(name + " is not declared"));
            assertEquals(name.equals("step_loss") ? Metric.Every.STEP : Metric.Every.EPOCH, metric.every(), name);
        }
    }

    @Test
    void withoutValidationRowsTheBestEpochIsTheOneWithTheLowestTrainingLossWhateverTheMonitor() {
        // val_r2 is better higher; without validation rows the best epoch follows the training loss, which is not
        TrainOptions options =
                TrainOptions.parse("hidden: [8]\nepochs: 6\nbatch: 16\nlr: 1e-2\nmonitor: val_r2\n" + "device: cpu");
        try (TrainingResult result = Training.train(store, "no-validation", line(0), options)) {
            List<Double> losses =
                    MetricPoint.byEpoch(store.metrics(result.runId())).get("loss");
            int lowest = IntStream.range(0, losses.size())
                            .boxed()
                            .min((a, b) -> Double.compare(losses.get(a), losses.get(b)))
                            .orElseThrow()
                    + 1;
            assertTrue(lowest > 1, "the loss fell: " + losses);
            assertEquals(lowest, result.bestEpoch(), "losses by epoch: " + losses);
        }
    }

    @Test
    void aMonitorTheRunDoesNotMeasureFailsItNamingTheOnesItDoes() {
        TrainOptions options =
                TrainOptions.parse("hidden: [8]\nepochs: 2\nbatch: 16\nmonitor: val_accuracy\ndevice: cpu");
        TrainingException error = assertThrows(
                TrainingException.class,
                () -> Training.train(store, "wrong-monitor", line(16), options).close());
        assertEquals(
                "Hyperparameter 'monitor' is val_accuracy, which a regression run does not measure; it measures loss,"
                        + " val_loss, val_rmse, val_mae, val_r2. Set monitor to one of the val_ metrics.",
                error.getMessage());
        assertEquals(error.getMessage(), store.find("wrong-monitor").tags().get("failure"));
    }
}
