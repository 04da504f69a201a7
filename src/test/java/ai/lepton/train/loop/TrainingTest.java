package ai.lepton.train.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Block;
import ai.lepton.IsolatedHome;
import ai.lepton.base.Notice;
import ai.lepton.base.Notices;
import ai.lepton.base.Settings;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStatus;
import ai.lepton.track.RunStore;
import ai.lepton.train.Devices;
import ai.lepton.train.FiftyEpochs;
import ai.lepton.train.KilledRun;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingException;
import ai.lepton.train.TrainingResult;
import ai.lepton.train.TrainingTestData;
import ai.lepton.train.listener.EpochEnd;
import ai.lepton.train.listener.ProgressView;
import ai.lepton.train.listener.TrainingListener;
import ai.lepton.train.listener.TrainingOutcome;
import ai.lepton.train.listener.TrainingProgress;
import com.google.gson.Gson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Real training on the shipped data, on the CPU, tracked in a SQLite store. */
@ExtendWith(IsolatedHome.class)
public class TrainingTest {

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

    /** Collects what a view is shown, and can interrupt the training thread after some epoch. */
    public static class RecordingView implements ProgressView {
        final List<TrainingProgress> seen = new ArrayList<>();
        final int interruptAfterEpoch;

        public RecordingView(int interruptAfterEpoch) {
            this.interruptAfterEpoch = interruptAfterEpoch;
        }

        @Override
        public void onProgress(TrainingProgress progress) {
            seen.add(progress);
            if (progress.finishedEpochs() == interruptAfterEpoch) {
                Thread.currentThread().interrupt(); // what a Jupyter interrupt does to the cell's thread
            }
        }

        @Override
        public void onEnd(TrainingOutcome outcome, TrainingProgress last) {
            seen.add(last);
        }
    }

    @Test
    void perClassKeepsTheFirstRowsOfEachClassAndTheValidationRows() {
        TrainingData few = penguins.perClass(2);
        assertEquals(6, few.train().rows());
        for (int label = 0; label < 3; label++) {
            int wanted = label;
            assertEquals(
                    2,
                    IntStream.range(0, 6)
                            .filter(row -> few.train().labels()[row] == wanted)
                            .count());
        }
        assertEquals(penguins.validation().rows(), few.validation().rows());
        assertEquals(6, few.lineage().trainRows());
    }

    @Test
    void anMlpLearnsPenguinSpeciesWellAboveChanceAndTheRunIsRecorded() {
        TrainOptions spec =
                TrainOptions.parse("model: mlp\nhidden: [32]\nepochs: 15\nbatch: 32\nlr: 1e-2\ndevice: auto");
        RecordingView view = new RecordingView(-1);
        try (TrainingResult result = Training.train(store, "penguins-mlp", penguins, spec, view)) {
            assertEquals(RunStatus.FINISHED, result.status());
            assertTrue(result.metrics().get("val_accuracy") > 0.9, "chance is 0.44: " + result.metrics());
            RunRecord run = store.find(result.runId());
            assertEquals(RunStatus.FINISHED, run.status());
            assertEquals("[32]", run.params().get("hidden"));
            assertEquals("cpu()", run.environmentMap().get("device"));
            assertTrue(run.lineage().preparation().contains("species"));
            assertEquals(
                    15,
                    store.metrics(result.runId()).stream()
                            .filter(p -> p.name().equals("val_accuracy"))
                            .count());
            assertTrue(
                    store.metrics(result.runId()).stream()
                                    .filter(p -> p.name().equals("step_loss"))
                                    .count()
                            >= 15 * 7,
                    "every step's loss, read back without a sync per batch");
            assertNotNull(store.artifacts(result.runId()).get("checkpoints/best/model-0000.params"));
            assertTrue(view.seen.getLast().status().equals("finished"));
        }
    }

    @Test
    void aListenerOfYourOwnHearsEveryEpochAndCanPruneTheRun() throws Exception {
        TrainOptions options = TrainOptions.parse("hidden: [16]\nepochs: 10\nlr: 1e-2\ncheckpoint_every: 5");
        List<Integer> heard = new ArrayList<>();
        TrainingListener pruneAfterTwo = new TrainingListener() {
            @Override
            public Decision onEpochEnd(EpochEnd epoch) {
                heard.add(epoch.epoch());
                return epoch.epoch() == 2 ? Decision.PRUNE : Decision.CONTINUE;
            }
        };
        try (TrainingResult result = Training.train(store, "pruned", penguins, options, pruneAfterTwo)) {
            assertEquals(RunStatus.PRUNED, result.status());
            assertEquals(List.of(1, 2), heard);
            assertEquals("pruned", store.find(result.runId()).tags().get("outcome"));
            String state = Files.readString(result.checkpoints().resolve("last").resolve("state.json"));
            assertTrue(
                    state.contains("\"epoch\":2"),
                    "a run that ends at an epoch keeps that epoch, whatever checkpoint_every: " + state);
        }
    }

    @Test
    void earlyStoppingEndsTheRunAndRestoresTheBestEpoch() {
        TrainOptions spec = TrainOptions.parse(
                "hidden: [16]\nepochs: 40\nlr: 1e-2\npatience: 2\nmin_delta: 0.5\nmonitor: val_loss");
        RecordingView view = new RecordingView(-1);
        try (TrainingResult result = Training.train(store, "stops-early", penguins, spec, view)) {
            assertTrue(result.epochs() < 40);
            TrainingProgress last = view.seen.getLast();
            assertEquals("stopped early", last.status());
            assertEquals(result.epochs(), last.epoch(), "the live view and the result count the same epochs");
            assertEquals(
                    result.bestEpoch() + 2, result.epochs(), "two epochs without an improvement of 0.5 end the run");
            assertEquals("stopped early", store.find(result.runId()).tags().get("outcome"));
        }
    }

    @Test
    void anInterruptedRunKeepsItsCheckpointAndResumesToTheSameWeights() {
        TrainOptions spec =
                TrainOptions.parse("hidden: [16]\nepochs: 4\nlr: 1e-2\nbatch: 32\nrestore_best: false\ndropout: 0.1");
        float[] uninterrupted;
        try (TrainingResult whole = Training.train(store, "whole", penguins, spec, new RecordingView(-1))) {
            uninterrupted = weights(whole);
        }
        String id;
        List<Notice> told = new ArrayList<>();
        try (Notices.Installed shown = Notices.use(told::add);
                TrainingResult stopped = Training.train(store, "stopped", penguins, spec, new RecordingView(2))) {
            assertTrue(
                    Thread.interrupted(), "the interrupt is passed on, so the notebook shows the cell as interrupted");
            assertEquals(RunStatus.INTERRUPTED, stopped.status());
            assertEquals(RunStatus.INTERRUPTED, store.find(stopped.runId()).status());
            assertTrue(Files.isDirectory(stopped.checkpoints().resolve("last")));
            id = stopped.runId();
        }
        assertTrue(!told.isEmpty(), "the interrupt was told");
        Notice interrupted = told.getLast();
        assertEquals(Notice.Level.INFO, interrupted.level());
        assertTrue(
                interrupted.text().startsWith("Run " + id + " INTERRUPTED after ")
                        && interrupted.text().contains("%%lepton train --resume " + id),
                "the user is told how to resume, through the notices: " + told);
        try (TrainingResult resumed = Training.resume(store, id, penguins, new RecordingView(-1))) {
            assertEquals(RunStatus.FINISHED, resumed.status());
            assertEquals(4, resumed.epochs());
            assertArrayEquals(uninterrupted, weights(resumed), "resuming gives the weights of a run never stopped");
        }
        assertEquals(
                4,
                store.metrics(id).stream()
                        .filter(p -> p.name().equals("val_loss"))
                        .count());
    }

    @Test
    void aKilledProcessResumesFromItsLastCheckpointToTheSameWeights() throws Exception {
        String yaml = "hidden: [16]\nepochs: 40\nlr: 1e-2\nbatch: 4\nrestore_best: false";
        float[] uninterrupted;
        try (TrainingResult whole =
                Training.train(store, "never-killed", penguins, TrainOptions.parse(yaml), new RecordingView(-1))) {
            uninterrupted = weights(whole);
        }
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-Dai.djl.offline=true",
                        "-D" + Settings.HOME.property() + "=" + home,
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledRun.class.getName(),
                        "jdbc:sqlite:" + home.resolve("runs.db"),
                        yaml.replace("\n", "\\n"))
                .redirectErrorStream(true)
                .start();
        var lines = new BufferedReader(new InputStreamReader(child.getInputStream()));
        String id = null;
        while (id == null) {
            String line = lines.readLine();
            if (line == null) {
                break;
            }
            id = line.startsWith("run ") ? line.substring(4) : null;
        }
        assertNotNull(id, "the child announced its run");
        Path last = home.resolve("checkpoints").resolve(id).resolve("last").resolve("state.json");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (checkpointedEpoch(last) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no finally
        assertEquals(RunStatus.RUNNING, store.find(id).status(), "a killed process could not mark its run");
        try (TrainingResult resumed = Training.resume(store, id, penguins, new RecordingView(-1))) {
            assertEquals(RunStatus.FINISHED, resumed.status());
            assertArrayEquals(
                    uninterrupted,
                    weights(resumed),
                    "a run killed and resumed ends with the weights of one never killed");
        }
    }

    /** The epoch of the checkpoint state file, 0 while there is none (or it is being renamed into place). */
    private static int checkpointedEpoch(Path state) {
        try {
            return new Gson()
                    .fromJson(Files.readString(state), Checkpoints.State.class)
                    .epoch();
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void aNanLossFailsTheRunNamingEpochAndStep() {
        TrainOptions spec = TrainOptions.parse("hidden: [16]\nepochs: 3\nlr: 1e12\noptimizer: sgd");
        TrainingException error = assertThrows(
                TrainingException.class,
                () -> Training.train(store, "explodes", penguins, spec, new RecordingView(-1)));
        assertTrue(
                error.getMessage()
                        .matches(
                                "(?s)Run \\w+ FAILED: the training loss became (NaN|Infinity) at epoch \\d+, step \\d+.*Lower lr.*"),
                error.getMessage());
        RunRecord failed = store.runs().stream()
                .filter(run -> run.name().equals("explodes"))
                .findFirst()
                .orElseThrow();
        assertEquals(RunStatus.FAILED, failed.status());
    }

    @Test
    void fiftyEpochsLeaveNoNativeMemoryGrowth() throws Exception {
        // in its own JVM with a fixed, pre-touched heap, so resident memory that grows is native memory;
        // 8 batches of 512 × 256 floats an epoch: leaking one batch per step would add 160 MiB over 40 epochs
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xms256m",
                        "-Xmx256m",
                        "-XX:+AlwaysPreTouch",
                        "-XX:+UseSerialGC",
                        "--enable-native-access=ALL-UNNAMED",
                        "-Dai.djl.offline=true",
                        "-D" + Settings.HOME.property() + "=" + home.resolve("fifty"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        FiftyEpochs.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("MALLOC_ARENA_MAX", "2"); // fewer malloc arenas: less allocator noise in the numbers
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        List<Long> rss = output.lines()
                .filter(line -> line.startsWith("rss "))
                .map(line -> Long.parseLong(line.substring(4)))
                .toList();
        List<String> arrays =
                output.lines().filter(line -> line.startsWith("arrays ")).toList();
        assertEquals(50, rss.size(), output);
        assertEquals(arrays.get(9), arrays.get(49), "live NDArrays after epoch 10 and after epoch 50");
        // measured: about 70 MiB of allocator and JIT growth over these 40 epochs, levelling off; far below a leak's
        // 160 MiB
        assertTrue(
                rss.get(49) - rss.get(9) < 110 * 1024,
                "resident memory grew from " + rss.get(9) + " kB to " + rss.get(49) + " kB: " + rss);
    }

    @Test
    void badHyperparametersNameTheLineKeyAndFix() {
        assertMessage("hidden: [8]\nepoks: 3", "Line 2, 'epoks': Unknown hyperparameter 'epoks'. Did you mean epochs?");
        assertMessage("epochs: many", "Line 1, 'epochs': Hyperparameter 'epochs' must be a whole number, not 'many'.");
        assertMessage(
                "model: transformer", "Hyperparameter 'model' is transformer; it must be one of [mlp, cnn, bert].");
        assertMessage("lr: [1, 2]", "'lr' must be a number");
        assertMessage("device: tpu", "it must be auto, cpu, gpu or gpu:N");
        assertMessage("epochs: 3\n  lr: 2", "not valid YAML at line 2");
        TrainingException gpu = assertThrows(TrainingException.class, () -> Devices.select("gpu:1", 0, note -> {}));
        assertTrue(gpu.getMessage().contains("asks for GPU 1, but PyTorch sees no GPU"), gpu.getMessage());
        List<String> notes = new ArrayList<>();
        assertEquals(Device.cpu(), Devices.select("auto", 0, notes::add));
        assertTrue(notes.getFirst().startsWith("device: auto → CPU"));
        assertEquals(Device.gpu(1), Devices.select("gpu:1", 2, notes::add));
    }

    @Test
    void aCnnOnTabularRowsIsRefusedWithTheShape() {
        TrainingException error = assertThrows(
                TrainingException.class,
                () -> Training.train(
                        store,
                        "wrong-shape",
                        penguins,
                        TrainOptions.parse("model: cnn\nepochs: 1"),
                        new RecordingView(-1)));
        assertTrue(error.getMessage().contains("model: cnn needs images"), error.getMessage());
    }

    private static void assertMessage(String yaml, String expected) {
        TrainingException error = assertThrows(TrainingException.class, () -> TrainOptions.parse(yaml));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    private static float[] weights(TrainingResult result) {
        return parameters(result.model().getBlock());
    }

    /** Every parameter value of {@code block}, in the block's parameter order, as one array to compare. */
    public static float[] parameters(Block block) {
        List<float[]> arrays = block.getParameters().values().stream()
                .map(parameter -> parameter.getArray().toFloatArray())
                .toList();
        float[] flat = new float[arrays.stream().mapToInt(array -> array.length).sum()];
        int offset = 0;
        for (float[] array : arrays) {
            System.arraycopy(array, 0, flat, offset, array.length);
            offset += array.length;
        }
        return flat;
    }
}
