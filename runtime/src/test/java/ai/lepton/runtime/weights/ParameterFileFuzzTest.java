package ai.lepton.runtime.weights;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.lepton.runtime.Fuzzing;
import ai.lepton.runtime.Mutation;
import ai.lepton.runtime.SavedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Seeded mutations of a parameter file DJL saved each end in {@link MalformedModelException} or a loaded network, within
 * a memory bound (heap and direct buffers, where DJL reads arrays) and in time.
 */
class ParameterFileFuzzTest {

    private static final int CASES = 3000;

    @Test
    void everyMutationOfAParameterFileEndsInARefusalOrALoadedNetwork(@TempDir Path folder) throws Exception {
        byte[] saved = SavedNetwork.bytes();
        ParameterFile expected = SavedNetwork.expected();
        Path file = folder.resolve("model-0000.params");
        Fuzzing.run(
                CASES,
                random -> Mutation.of(saved, new int[0], ByteOrder.BIG_ENDIAN, random), // DataOutputStream's order
                MalformedModelException.class,
                mutation -> {
                    Files.write(file, mutation.bytes());
                    try (Model model = Model.newInstance("fuzz", "PyTorch")) {
                        model.setBlock(SavedNetwork.MLP.newBlock());
                        expected.load(model, file, "fuzz.params");
                    }
                },
                Duration.ofSeconds(120));
    }
}
