package ai.lepton.train.loop;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.train.TrainingException;
import ai.lepton.train.listener.BestEpoch;
import ai.lepton.train.listener.EpochEnd;
import ai.lepton.train.network.NetworkWeights;
import com.google.gson.Gson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A run's checkpoints: {@code last} (the end of the latest checkpointed epoch) and {@code best}. Each is a
 * folder of the model's weights ({@link NetworkWeights}), its architecture, the optimizer's state and the loop's state. A
 * checkpoint is written into a temporary folder and renamed into place only when complete, so a crash or
 * a full disk mid-write leaves the previous checkpoint, never half of a new one.
 */
final class Checkpoints {

    static final String LAST = "last";
    static final String BEST = "best";
    private static final Gson GSON = new Gson();

    private final Path directory;

    Checkpoints(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    /** The loop's position and the best epoch's memory when a checkpoint was taken (state.json). */
    record State(int epoch, int step, double bestValue, int bestEpoch, int epochsWithoutImprovement) {

        static State of(EpochEnd end) {
            return new State(
                    end.epoch(),
                    end.step(),
                    end.best().value(),
                    end.best().epoch(),
                    end.best().epochsSince());
        }

        BestEpoch.State best() {
            return new BestEpoch.State(bestEpoch, bestValue, epochsWithoutImprovement);
        }
    }

    void save(
            String label, NetworkWeights weights, Architecture architecture, StatefulOptimizer optimizer, State state) {
        Path temporary = directory.resolve(".writing-" + label);
        try {
            deleteTree(temporary);
            Files.createDirectories(temporary);
            weights.save(temporary);
            Files.writeString(temporary.resolve(Architecture.FILE), architecture.toJson());
            try (NDList moments = optimizer.state()) {
                Files.write(temporary.resolve("optimizer.ndlist"), moments.encode());
            }
            Files.writeString(temporary.resolve("state.json"), GSON.toJson(state));
            Path target = directory.resolve(label);
            Path previous = directory.resolve(".previous-" + label);
            deleteTree(previous);
            if (Files.exists(target)) {
                Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(previous);
        } catch (IOException e) {
            try {
                deleteTree(temporary);
            } catch (IOException ignored) {
                // the folder is named .writing-*: never read as a checkpoint
            }
            throw new TrainingException(
                    "Could not write the " + label + " checkpoint of epoch " + state.epoch() + " to " + directory + " ("
                            + e.getMessage()
                            + "; is the disk full?). The previous checkpoint is kept. Free some space and resume the run.",
                    e);
        }
    }

    /** The folder holding checkpoint {@code label}, or null when there is none (a crash between renames leaves the previous one). */
    Path find(String label) {
        Path target = directory.resolve(label);
        if (Files.isDirectory(target)) {
            return target;
        }
        Path previous = directory.resolve(".previous-" + label);
        return Files.isDirectory(previous) ? previous : null;
    }

    /** Loads checkpoint {@code label} into the model and optimizer and returns the loop's state then. */
    State load(String label, NetworkWeights weights, Block network, StatefulOptimizer optimizer, NDManager manager) {
        Path folder = find(label);
        if (folder == null) {
            throw new TrainingException("No " + label + " checkpoint in " + directory
                    + ": the run stopped before its first" + " checkpoint. Start a new run instead.");
        }
        try {
            weights.load(folder);
            optimizer.nameParameters(network);
            optimizer.restore(NDList.decode(manager, Files.readAllBytes(folder.resolve("optimizer.ndlist"))), manager);
            return GSON.fromJson(Files.readString(folder.resolve("state.json")), State.class);
        } catch (IOException e) {
            throw new TrainingException(
                    "The " + label + " checkpoint in " + folder + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Loads only the weights of checkpoint {@code label} (restoring the best weights). */
    void loadParameters(String label, NetworkWeights weights) {
        try {
            weights.load(find(label));
        } catch (IOException e) {
            throw new TrainingException(
                    "The " + label + " checkpoint in " + directory + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
