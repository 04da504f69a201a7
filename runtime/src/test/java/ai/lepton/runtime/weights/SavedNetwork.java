package ai.lepton.runtime.weights;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.lepton.runtime.model.Architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small network's parameter file as DJL saves it, and the loads of parameter files into fresh copies of the network. */
final class SavedNetwork {

    /** Two hidden layers, so the file holds nested blocks, several parameters and the metadata of each. */
    static final Architecture MLP = new Architecture("mlp", new long[] {5}, List.of(4, 3), 2, 0);

    private SavedNetwork() {}

    /** The bytes DJL saves for a freshly initialized {@link #MLP}. */
    static byte[] bytes() throws IOException {
        Path folder = Files.createTempDirectory("lepton-params-");
        try (Model model = Model.newInstance("saved", "PyTorch");
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(MLP.newBlock());
            model.getBlock().initialize(manager, DataType.FLOAT32, MLP.inputShapes(1));
            model.save(folder, "model");
            return Files.readAllBytes(folder.resolve("model-0000.params"));
        } finally {
            Files.deleteIfExists(folder.resolve("model-0000.params"));
            Files.deleteIfExists(folder);
        }
    }

    /** What a file must be to load into {@link #MLP}. */
    static ParameterFile expected() {
        return ParameterFile.of(MLP.newBlock(), MLP.inputShapes(1));
    }

    /** The index of the first {@code needle} in {@code haystack} at or after {@code from}. */
    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no such bytes");
    }
}
