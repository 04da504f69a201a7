package ai.lepton.runtime.weights;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.lepton.fuzz.MutationFuzzer;
import ai.lepton.runtime.SavedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Seeded mutations of a parameter file DJL saved each end in {@link MalformedModelException} or a loaded network, within
 * a memory bound (heap and direct buffers, where DJL reads arrays) and in time.
 */
class ParameterFileFuzzTest {

    @Test
    void everyMutationOfAParameterFileEndsInARefusalOrALoadedNetwork(@TempDir Path folder) throws Exception {
        ParameterFile expected = SavedNetwork.expected();
        Path file = folder.resolve("model-0000.params");
        MutationFuzzer.of(29, 3000)
                .addInput("a saved MLP", SavedNetwork.bytes())
                .optByteOrder(ByteOrder.BIG_ENDIAN) // DataOutputStream's
                .setExpected(MalformedModelException.class)
                .optAllocationLimit(64L << 20, 0)
                .run(bytes -> {
                    Files.write(file, bytes);
                    try (Model model = Model.newInstance("fuzz", "PyTorch")) {
                        model.setBlock(SavedNetwork.MLP.newBlock());
                        expected.load(model, file, "fuzz.params");
                    }
                });
    }
}
