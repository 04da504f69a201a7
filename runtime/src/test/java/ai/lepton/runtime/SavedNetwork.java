package ai.lepton.runtime;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.runtime.weights.BlockWeights;
import ai.lepton.runtime.weights.ParameterFile;
import ai.lepton.runtime.weights.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small networks' parameter files as DJL saves them, for tests of what reads them. */
public final class SavedNetwork {

    /** Two hidden layers, so the file holds nested blocks, several parameters and the metadata of each. */
    public static final Architecture MLP = new Architecture("mlp", new long[] {5}, List.of(4, 3), 2, 0);

    private SavedNetwork() {}

    /** The bytes DJL saves for a freshly initialized {@link #MLP}. */
    public static byte[] bytes() throws IOException {
        return bytes(MLP);
    }

    /** The bytes DJL saves for a freshly initialized network of {@code architecture}. */
    public static byte[] bytes(Architecture architecture) throws IOException {
        Path folder = Files.createTempDirectory("lepton-params-");
        try (Model model = Model.newInstance("saved", "PyTorch");
                NDManager manager = NDManager.newBaseManager()) {
            model.setBlock(architecture.newBlock());
            model.getBlock().initialize(manager, DataType.FLOAT32, architecture.inputShapes(1));
            model.save(folder, "model");
            return Files.readAllBytes(folder.resolve("model-0000.params"));
        } finally {
            Files.deleteIfExists(folder.resolve("model-0000.params"));
            Files.deleteIfExists(folder);
        }
    }

    /** The weights of a freshly initialized network of {@code architecture}, by DJL's parameter paths. */
    public static Map<String, Tensor> weights(Architecture architecture) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = architecture.newBlock();
            block.initialize(manager, DataType.FLOAT32, architecture.inputShapes(1));
            return BlockWeights.of(block);
        }
    }

    /** What a file must be to load into {@link #MLP}. */
    public static ParameterFile expected() {
        return ParameterFile.of(MLP.newBlock(), MLP.inputShapes(1));
    }

    /**
     * Where the length of the first array of {@code bytes} values sits in the parameter file {@code file}: after the
     * array's byte-order mark, right before its values.
     */
    public static int firstArrayLength(byte[] file, int bytes) {
        int array = indexOf(file, "NDAR".getBytes(), 0);
        byte[] lengthField =
                ByteBuffer.allocate(5).put((byte) '<').putInt(bytes).array();
        return indexOf(file, lengthField, array) + 1;
    }

    /** The index of the first {@code needle} in {@code haystack} at or after {@code from}. */
    public static int indexOf(byte[] haystack, byte[] needle, int from) {
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
