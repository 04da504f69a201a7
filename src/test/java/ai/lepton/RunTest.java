package ai.lepton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.base.LeptonException;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.evaluate.Explanation;
import ai.lepton.plot.Figure;
import ai.lepton.promote.Promoted;
import ai.lepton.sweep.SweepOptions;
import ai.lepton.track.Metric;
import ai.lepton.track.MetricPoint;
import ai.lepton.track.MetricSummary;
import ai.lepton.track.RunMetrics;
import ai.lepton.track.RunStatus;
import ai.lepton.train.TrainOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a notebook does with a run it holds: a {@link Run} from {@link Lepton#train} is promoted, plotted and explained
 * by itself; the same run read back by name or as the last run tells the same metrics, latest and best in each metric's
 * direction; a sweep's best trial is a run; and two names passed the wrong way round are refused saying the order.
 */
@ExtendWith(IsolatedHome.class)
class RunTest {

    private static Run trained;
    private static Run slower;

    @BeforeAll
    static void trainTwoRuns() {
        Lepton.dataset(
                "penguins",
                DataLoader.csv(Path.of("..", "datasets", "penguins.csv"), CsvOptions.defaults())
                        .table());
        Lepton.prepare(
                "penguins",
                PrepareOptions.builder("species").optStratify(true).optSeed(3).build());
        slower = Lepton.train("penguins", "penguins-slow", options(0.001));
        trained = Lepton.train("penguins", "penguins-mlp", options(0.02));
    }

    private static TrainOptions options(double learningRate) {
        return TrainOptions.builder()
                .optHidden(16)
                .optEpochs(8)
                .optBatch(32)
                .optLearningRate(learningRate)
                .optSeed(3)
                .build();
    }

    @AfterAll
    static void closeModels() {
        trained.close();
        slower.close();
    }

    @Test
    void aRunFromTrainIsPromotedPlottedExplainedAndGivesItsConfusion() {
        assertEquals(RunStatus.FINISHED, trained.status());
        assertNotNull(trained.model(), "the model is open while the session holds the run");

        Promoted promoted = trained.promote("penguins");
        assertEquals(trained.id(), promoted.model().runId());
        assertEquals("1.0.0", promoted.model().version());

        Figure curves = trained.plot();
        assertTrue(curves.png().length > 1_000);
        assertTrue(curves.toString().contains("training loss by step"), curves.toString());
        assertTrue(
                trained.plot(Metric.VAL_ACCURACY).toString().contains("val_accuracy"),
                trained.plot(Metric.VAL_ACCURACY).toString());

        Explanation explanation = trained.explain();
        assertEquals(
                Lepton.prepared("penguins").preparation().inputSchema().fields().size(),
                explanation.importance().size());
        assertEquals(promoted.importance(), explanation.importance(), "the run explains itself as its model card does");

        Figure confusion = trained.confusion();
        assertTrue(confusion.toString().contains("confusion: penguins-mlp"), confusion.toString());
    }

    @Test
    void theRunByNameAndTheLastRunTellTheSameMetricsLatestAndBestInEachMetricsDirection() {
        Run byName = Lepton.run("penguins-mlp");
        Run last = Lepton.lastRun();
        assertEquals(trained, byName, "the same run, read back by name");
        assertEquals(trained, last);
        assertEquals(trained.params(), byName.params());

        RunMetrics metrics = byName.metrics();
        assertEquals(last.metrics().all(), metrics.all());
        Map<String, List<Double>> byEpoch = MetricPoint.byEpoch(Lepton.store().metrics(trained.id()));
        List<Double> losses = byEpoch.get(Metric.LOSS.name());
        List<Double> accuracies = byEpoch.get(Metric.VAL_ACCURACY.name());
        assertEquals(8, losses.size());
        assertEquals(8, trained.epochs(), "as training counted them");
        assertEquals(8, byName.epochs(), "as the store has them");
        assertEquals(losses.getLast(), metrics.latest(Metric.LOSS));
        assertEquals(
                losses.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                metrics.best(Metric.LOSS),
                "a loss is best lowest");
        assertEquals(
                accuracies.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                metrics.best(Metric.VAL_ACCURACY),
                "an accuracy is best highest");
        MetricSummary loss = metrics.get(Metric.LOSS);
        assertEquals(losses.indexOf(loss.best()) + 1, loss.bestEpoch());
        assertTrue(byName.toString().contains("val_accuracy"), byName.toString());
        assertTrue(metrics.find(Metric.STEP_LOSS).isEmpty(), "a per-step curve is for plots, not a result");

        LeptonException unknown = assertThrows(LeptonException.class, () -> metrics.get("val_acuracy"));
        assertTrue(
                unknown.getMessage().startsWith("Run penguins-mlp recorded no metric 'val_acuracy'. Did you mean"),
                unknown.getMessage());
    }

    @Test
    void aRunReadBackFromTheStoreHasNoOpenModelAndSaysWhereItsWeightsAre() {
        LeptonException noModel = assertThrows(
                LeptonException.class, () -> Lepton.run("penguins-mlp").model());
        assertTrue(
                noModel.getMessage()
                        .startsWith("Run penguins-mlp (" + trained.id() + ") was read back from the store, so no model"
                                + " of it is open here: its weights are in its checkpoints."),
                noModel.getMessage());
        assertTrue(Lepton.run(trained.id()).weights().toFile().isDirectory());
    }

    @Test
    void aRunComparesItselfWithOthersAndTheBestOfSeveralIsChosenByTheMetricsDirection() {
        Table compared = trained.compareWith(slower);
        assertEquals(
                List.of("penguins-mlp", "penguins-slow"),
                compared.stringColumn("name").asList());
        assertEquals(List.of("0.02", "0.001"), compared.stringColumn("lr").asList(), "what differs between them");

        Runs both = Lepton.runs("penguins-slow", "penguins-mlp");
        double slowLoss = slower.metrics().best(Metric.VAL_LOSS);
        double fastLoss = trained.metrics().best(Metric.VAL_LOSS);
        Run lowestLoss = both.best(Metric.VAL_LOSS);
        assertEquals(fastLoss < slowLoss ? trained.id() : slower.id(), lowestLoss.id());
        Runs all = Lepton.runs();
        assertTrue(all.stream().map(Run::name).toList().containsAll(List.of("penguins-mlp", "penguins-slow")));
        assertEquals(all.size(), all.table().rowCount());
        assertTrue(all.table().columnNames().contains("val_accuracy"));
    }

    @Test
    void theBestTrialOfASweepIsARunWithItsOwnMetrics() {
        Sweep sweep = Lepton.sweep(
                "penguins",
                "penguins-sweep",
                "hidden: [[8]]\nlr: [0.001, 0.03]\nepochs: 3\nbatch: 32\nseed: 3",
                SweepOptions.builder()
                        .optSearch(ai.lepton.sweep.Search.GRID)
                        .optScheduler(SweepOptions.SchedulerKind.NONE)
                        .optMetric(Metric.VAL_LOSS)
                        .build());
        assertEquals(sweep.id(), Lepton.lastSweep().id());
        assertEquals(Metric.VAL_LOSS, sweep.metric());
        Runs trials = sweep.trials();
        assertEquals(2, trials.size());
        Run best = Lepton.lastSweep().best();
        assertEquals(trials.best(Metric.VAL_LOSS).id(), best.id(), "the sweep ranks its trials as any runs are");
        assertEquals(sweep.result().best().best(), best.metrics().best(Metric.VAL_LOSS));
        assertTrue(
                sweep.plot().toString().contains("parallel coordinates"),
                sweep.plot().toString());
    }

    @Test
    void namesPassedTheWrongWayRoundAreRefusedSayingTheOrder() {
        LeptonException resume = assertThrows(LeptonException.class, () -> Lepton.resume("penguins-mlp", "penguins"));
        assertEquals(
                "Lepton.resume takes the data first and the run or sweep after it, but 'penguins' is prepared data"
                        + " and 'penguins-mlp' is not: call Lepton.resume(DATA, RUN) with \"penguins\" first.",
                resume.getMessage());
        LeptonException train =
                assertThrows(LeptonException.class, () -> Lepton.train("penguins-again", "penguins", options(0.01)));
        assertTrue(train.getMessage().startsWith("Lepton.train takes the data first"), train.getMessage());
    }
}
