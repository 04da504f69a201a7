package ai.lepton.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.IsolatedHome;
import ai.lepton.Plots;
import ai.lepton.base.Settings;
import ai.lepton.data.Fingerprint;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.data.prepare.Prepared;
import ai.lepton.data.prepare.Preparer;
import ai.lepton.evaluate.Explanation;
import ai.lepton.evaluate.RunModel;
import ai.lepton.plot.Figure;
import ai.lepton.track.Lineage;
import ai.lepton.track.RunStore;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingResult;
import ai.lepton.train.loop.Training;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.Table;

import java.nio.file.Path;

/**
 * A run trained with the library's own API, in plain Java with no notebook and no facade, is promoted, explained and
 * plotted like one a magic trained: training itself records what the run learnt from.
 */
@ExtendWith(IsolatedHome.class)
class PlainJavaRunTest {

    @Test
    void aRunTrainedWithTrainingTrainIsPromotedExplainedAndPlotted() {
        Table penguins = DataLoader.csv(Path.of("..", "datasets", "penguins.csv"), CsvOptions.defaults())
                .table();
        Prepared prepared = Preparer.prepare(
                penguins, PrepareOptions.builder("species").optStratify(true).build());
        TrainOptions options = TrainOptions.builder()
                .optHidden(16)
                .optEpochs(6)
                .optBatch(32)
                .optLearningRate(0.01)
                .optSeed(2)
                .build();
        String runId;
        try (RunStore store = RunStore.open(Settings.STORE.get());
                TrainingResult result = Training.train(store, "plain-java", TrainingData.of(prepared), options)) {
            runId = result.runId();
            Lineage lineage = store.find(runId).lineage();
            assertEquals(penguins.name(), lineage.dataset());
            assertEquals(Fingerprint.of(penguins), lineage.datasetFingerprint());
            assertEquals(prepared.train().rows(), lineage.trainRows());
            assertTrue(lineage.hasHeldOutRows(), lineage.toString());

            Promoted promoted =
                    Promotion.promote(store, Registry.open(), runId, PromoteOptions.named("plain-penguins"));
            assertEquals("1.0.0", promoted.model().version());
            assertEquals(prepared.testRows().length, promoted.gate().rows());
            try (RunModel model = RunModel.open(store, runId)) {
                Explanation explanation = model.explain();
                assertEquals(
                        prepared.preparation().inputSchema().fields().size(),
                        explanation.importance().size());
                assertEquals(promoted.importance(), explanation.importance(), "explanation and model card agree");
            }
        }
        Figure confusion = Plots.confusion(runId); // the facade's store is the one LEPTON_STORE names: the same file
        assertTrue(confusion.png().length > 1_000);
        assertTrue(confusion.toString().contains(prepared.testRows().length + " held-out rows"), confusion.toString());
    }
}
