package ai.lepton.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.IsolatedHome;
import ai.lepton.base.Settings;
import ai.lepton.slurm.SlurmException;
import ai.lepton.track.Mode;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;
import ai.lepton.track.TrackingException;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingTestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tech.tablesaw.api.Table;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Real sweeps: MLPs trained on the shipped penguins data on the CPU, every trial a run in a real SQLite store. */
@ExtendWith(IsolatedHome.class)
class SweepTest {

    private static final String SPACE = """
            model: mlp
            hidden: [[4], [32]]
            lr: loguniform(1e-3, 1e-1)
            epochs: 9
            batch: 32
            monitor: val_accuracy
            seed: 3
            """;
    private static final SweepOptions ASHA =
            SweepOptions.builder().optTrials(6).optSeed(11).build();

    private static Path home;

    private static RunStore store;
    private static TrainingData penguins;

    @BeforeAll
    static void setUp() {
        home = Settings.HOME.get();
        store = RunStore.open("jdbc:sqlite:" + home.resolve("runs.db"));
        penguins = TrainingTestData.penguins();
    }

    @AfterAll
    static void tearDown() {
        store.close();
    }

    private static SweepResult sweep(String name, String space, SweepOptions options) {
        return Sweep.run(store, name, penguins, SearchSpace.parse(space), options, new ConsoleSweepView(quiet()));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    @Test
    void anAshaSweepIsARunWithAChildRunPerTrialAndPrunesTheLosers() {
        SweepResult result = sweep("asha", SPACE, ASHA);
        assertEquals(6, result.trials().size());
        RunRecord sweepRun = store.find(result.runId());
        assertEquals(RunStatus.FINISHED, sweepRun.status());
        assertEquals("sweep", sweepRun.tags().get("kind"));
        assertTrue(
                sweepRun.tags().get("scheduler").startsWith("asha (eta 3, grace 1, rungs at [1, 3])"),
                sweepRun.tags().toString());
        assertTrue(result.count(RunStatus.PRUNED) >= 2, result.toString());
        for (TrialResult trial : result.trials()) {
            RunRecord child = store.find(trial.runId());
            assertEquals(result.runId(), child.parentId());
            assertEquals(trial.status(), child.status());
            assertEquals(
                    trial.params().get("lr").toString(), child.params().get("lr"), "the trial trained what was drawn");
            assertTrue(trial.status() == RunStatus.PRUNED ? trial.epochs() < 9 : trial.epochs() == 9, trial.toString());
            assertTrue(
                    trial.status() != RunStatus.PRUNED || List.of(1, 3).contains(trial.epochs()),
                    "pruned at a rung: " + trial);
        }
        assertTrue(
                result.totalEpochs() < 6 * 9,
                "ASHA spent less than every trial's full budget: " + result.totalEpochs());
        TrialResult best = result.best();
        assertTrue(result.trials().stream().allMatch(trial -> trial.best() <= best.best()));
        assertTrue(best.best() > 0.9, "penguin species are easy to tell apart: " + best);
        assertEquals(best.runId(), sweepRun.tags().get("best_run"));

        Table table = result.table();
        assertEquals(6, table.rowCount());
        assertTrue(
                table.columnNames()
                        .containsAll(List.of(
                                "trial", "run", "status", "hidden", "lr", "best_val_accuracy", "epochs_trained")),
                table.columnNames().toString());
        assertEquals(List.of("hidden", "lr"), result.variedParams());
    }

    @Test
    void theSameSeedDrawsTheSameTrialsAndPrunesTheSameOnesOnTheCpu() {
        SweepResult first = sweep("again", SPACE, ASHA.toBuilder().optTrials(4).build());
        SweepResult second = sweep("again", SPACE, ASHA.toBuilder().optTrials(4).build());
        assertEquals(
                first.trials().stream().map(TrialResult::params).toList(),
                second.trials().stream().map(TrialResult::params).toList());
        assertEquals(
                first.trials().stream().map(TrialResult::status).toList(),
                second.trials().stream().map(TrialResult::status).toList());
        assertEquals(
                first.trials().stream().map(TrialResult::curve).toList(),
                second.trials().stream().map(TrialResult::curve).toList());
    }

    @Test
    void aFailingTrialIsRecordedAndTheSweepGoesOn() {
        SweepResult result = sweep(
                "one-fails",
                "hidden: [16]\nepochs: 2\noptimizer: sgd\nlr: [1e-2, 1e12, 1e-3]\nmonitor: val_accuracy",
                SweepOptions.builder()
                        .optSearch(Search.GRID)
                        .optTrials(0)
                        .optScheduler("none")
                        .build());
        assertEquals(
                List.of(RunStatus.FINISHED, RunStatus.FAILED, RunStatus.FINISHED),
                result.trials().stream().map(TrialResult::status).toList());
        assertTrue(
                result.trials().get(1).failure().contains("the training loss became"),
                result.trials().get(1).failure());
        assertEquals(2, result.trials().get(2).epochs());
    }

    @Test
    void whenEveryTrialFailsTheSweepFailsWithTheFirstReason() {
        SweepException error = assertThrows(
                SweepException.class,
                () -> sweep(
                        "all-fail",
                        "hidden: [16]\nepochs: 2\noptimizer: sgd\nlr: [1e12, 1e13]",
                        SweepOptions.builder()
                                .optSearch(Search.GRID)
                                .optTrials(0)
                                .build()));
        assertTrue(
                error.getMessage()
                        .matches(
                                "(?s)Sweep all-fail \\(run \\w+\\) FAILED: All 2 trials failed; the first \\(trial 1, run \\w+\\): "
                                        + ".*the training loss became.*"),
                error.getMessage());
        assertEquals(RunStatus.FAILED, store.find("all-fail").status());
    }

    @Test
    void aMetricNoTrialReportsStopsTheSweepAfterItsFirstEpochNamingTheReportedOnes() {
        SweepException error = assertThrows(
                SweepException.class,
                () -> sweep(
                        "no-metric",
                        SPACE,
                        ASHA.toBuilder().optMetric("val_acuracy", Mode.MAX).build()));
        assertTrue(
                error.getMessage()
                        .contains("the metric 'val_acuracy' is never reported; trials report loss, accuracy, val_loss, "
                                + "val_accuracy"),
                error.getMessage());
        RunRecord sweepRun = store.find("no-metric");
        assertEquals(RunStatus.FAILED, sweepRun.status());
        assertEquals(
                1,
                store.runs().stream()
                        .filter(run -> sweepRun.id().equals(run.parentId()))
                        .count(),
                "no trial after the first");
    }

    @Test
    void aParameterTheModelDoesNotKnowIsNamedWithTheNearestKnownOneBeforeAnyRunStarts() {
        int runs = store.runs().size();
        SweepException error =
                assertThrows(SweepException.class, () -> sweep("typo", "learning_rate: [1e-3]\nhiden: [[8]]", ASHA));
        assertTrue(
                error.getMessage()
                        .contains("'learning_rate' in the search space is not a hyperparameter of the model."),
                error.getMessage());
        assertTrue(error.getMessage().contains("Known: model, hidden, epochs"), error.getMessage());
        SweepException typo = assertThrows(SweepException.class, () -> sweep("typo", "hiden: [[8]]", ASHA));
        assertTrue(typo.getMessage().contains("Did you mean hidden?"), typo.getMessage());
        SweepException type = assertThrows(
                SweepException.class,
                () -> sweep(
                        "typo",
                        "epochs: [2, 'many']",
                        ASHA.toBuilder().optSearch(Search.GRID).build()));
        assertTrue(
                type.getMessage().contains("Hyperparameter 'epochs' must be a whole number, not 'many'"),
                type.getMessage());
        assertEquals(runs, store.runs().size(), "nothing was recorded for a sweep that could not start");
    }

    @Test
    void anInterruptedSweepResumesWithoutRerunningEndedTrials() {
        SweepOptions options =
                ASHA.toBuilder().optTrials(4).optScheduler("none").optSeed(5).build();
        String space = SPACE.replace("epochs: 9", "epochs: 3");
        // interrupt (as a notebook does) once trial 2 has finished its first epoch
        SweepView interrupter = new SweepView() {
            @Override
            public void update(SweepProgress progress) {
                if (progress.trials().get(1).curve().size() == 1
                        && progress.trials().get(1).status().equals("RUNNING")) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void close() {}
        };
        SweepResult stopped = Sweep.run(store, "resumable", penguins, SearchSpace.parse(space), options, interrupter);
        assertEquals(RunStatus.INTERRUPTED, stopped.status());
        assertEquals(
                List.of(RunStatus.FINISHED, RunStatus.INTERRUPTED),
                stopped.trials().stream().map(TrialResult::status).toList());
        assertTrue(stopped.trials().get(1).epochs() < 3);
        Thread.interrupted();

        SweepResult resumed = Sweep.resume(store, stopped.runId(), penguins, new ConsoleSweepView(quiet()));
        assertEquals(RunStatus.FINISHED, resumed.status());
        assertEquals(4, resumed.trials().size());
        assertEquals(
                stopped.trials().get(0).runId(),
                resumed.trials().get(0).runId(),
                "the finished trial was not run again");
        assertEquals(
                stopped.trials().get(1).runId(),
                resumed.trials().get(1).runId(),
                "the interrupted trial went on in its own run");
        assertTrue(
                resumed.trials().stream()
                        .allMatch(trial -> trial.status() == RunStatus.FINISHED && trial.epochs() == 3),
                resumed.toString());
        SweepResult uninterrupted = sweep("uninterrupted", space, options);
        assertEquals(
                uninterrupted.trials().stream().map(TrialResult::curve).toList(),
                resumed.trials().stream().map(TrialResult::curve).toList(),
                "resuming trained exactly what an uninterrupted sweep trains");
        assertEquals(RunStatus.FINISHED, store.find(stopped.runId()).status());
        SweepException again = assertThrows(
                SweepException.class,
                () -> Sweep.resume(store, resumed.trials().get(0).runId(), penguins, new ConsoleSweepView(quiet())));
        assertTrue(again.getMessage().contains("is not a sweep"), again.getMessage());
    }

    @Test
    void twoTrialsRunSideBySideOnTheTwoCores() {
        SweepResult result = sweep(
                "parallel",
                SPACE.replace("epochs: 9", "epochs: 2"),
                ASHA.toBuilder()
                        .optTrials(4)
                        .optParallel(2)
                        .optScheduler("none")
                        .build());
        assertEquals(4, result.trials().size());
        assertTrue(
                result.trials().stream().allMatch(trial -> trial.status() == RunStatus.FINISHED && trial.epochs() == 2),
                result.trials().toString());
        Map<String, Object> params = store.find(result.runId()).params().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals("2", params.get("parallel"));
        assertNotNull(params.get("space"));
    }

    @Test
    void aSchedulerOfYourOwnRanksTheTrialsThroughTheStoresRungsAndIsPassedAgainToResume() {
        List<Scheduler.Context> told = Collections.synchronizedList(new ArrayList<>());
        // the first trial to reach an epoch goes on, the others stop there: decided from the rungs the store keeps
        Scheduler.Factory firstOnly = sweep -> {
            told.add(sweep);
            return new Scheduler() {
                @Override
                public boolean keepGoing(int trial, int epoch, double value) {
                    return sweep.rungs().record(epoch, trial, value).size() == 1;
                }

                @Override
                public String describe() {
                    return "first only";
                }
            };
        };
        SweepResult result = sweep(
                "own-scheduler",
                SPACE.replace("epochs: 9", "epochs: 3"),
                ASHA.toBuilder().optTrials(3).optScheduler(firstOnly).build());
        assertEquals(
                List.of(RunStatus.FINISHED, RunStatus.PRUNED, RunStatus.PRUNED),
                result.trials().stream().map(TrialResult::status).toList());
        assertEquals(
                List.of(3, 1, 1),
                result.trials().stream().map(TrialResult::epochs).toList());
        assertEquals(new Scheduler.Context(3, Mode.MAX, told.getFirst().rungs()), told.getFirst());
        assertEquals(
                result.trials().getFirst().curve().getFirst(),
                RungResults.stored(store, result.runId()).record(1, 1, 0.0).getLast(),
                "the first trial's first epoch is in the store's rungs");
        RunRecord sweepRun = store.find(result.runId());
        assertEquals("first only", sweepRun.tags().get("scheduler"));
        assertEquals("own", sweepRun.params().get("scheduler"));

        SweepException without = assertThrows(
                SweepException.class,
                () -> Sweep.resume(store, result.runId(), penguins, new ConsoleSweepView(quiet())));
        assertTrue(
                without.getMessage().contains("was ranked by a scheduler of its own (first only): pass it again"),
                without.getMessage());
        TrackingException finished = assertThrows(
                TrackingException.class,
                () -> Sweep.resume(store, result.runId(), penguins, firstOnly, new ConsoleSweepView(quiet())));
        assertTrue(finished.getMessage().contains("already finished"), "got past the scheduler: " + finished);
    }

    @Test
    void aSlurmSweepOnASqliteStoreIsRefusedByItsExecutorBeforeAnythingIsRecorded() {
        int runs = store.runs().size();
        SlurmException error = assertThrows(
                SlurmException.class,
                () -> sweep("on-slurm", SPACE, ASHA.toBuilder().optSlurm("").build()));
        assertTrue(
                error.getMessage().startsWith("A sweep's trials on Slurm need the team's shared PostgreSQL store"),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("or run the sweep with --executor local."), error.getMessage());
        assertEquals(runs, store.runs().size());
    }
}
