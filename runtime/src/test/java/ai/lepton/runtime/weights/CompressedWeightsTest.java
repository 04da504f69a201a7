package ai.lepton.runtime.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.lepton.runtime.SavedNetwork;
import ai.lepton.runtime.model.Architecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A compressed network's weights are checked against the network before any memory is taken for its weights. */
class CompressedWeightsTest {

    @TempDir
    Path folder;

    @Test
    void weightsOfAnotherShapeAreRefusedBeforeTheNetworkIsInitialized() throws Exception {
        Architecture wide = new Architecture("mlp", new long[] {5}, List.of(40_000, 40_000), 2, 0); // 6 GB of floats
        Path file = Files.write(
                folder.resolve("weights.safetensors"),
                Quantization.pack(SavedNetwork.weights(SavedNetwork.MLP), Precision.INT8));
        try (Model model = Model.newInstance("checked", "PyTorch")) {
            model.setBlock(wide.newBlock());
            String message = assertThrows(
                            MalformedModelException.class,
                            () -> CompressedWeights.of(wide.newBlock(), wide.inputShapes(1))
                                    .load(model, file, "test.safetensors"))
                    .getMessage();
            assertEquals(
                    "test.safetensors: 01SequentialBlock_02SequentialBlock_01Linear_weight has shape (4, 5), and the"
                            + " network needs (40000, 5); 01SequentialBlock_02SequentialBlock_01Linear_bias has shape"
                            + " (4), and the network needs (40000); 01SequentialBlock_03SequentialBlock_01Linear_weight"
                            + " has shape (3, 4), and the network needs (40000, 40000);"
                            + " 01SequentialBlock_03SequentialBlock_01Linear_bias has shape (3), and the network needs"
                            + " (40000); 02Linear_weight has shape (2, 3), and the network needs (2, 40000).",
                    message);
            assertFalse(model.getBlock().isInitialized(), "the network took memory for weights it then refused");
        }
    }

    @Test
    void theWeightsOfTheNetworksShapesLoadAsTheyWereStored() throws Exception {
        Map<String, Tensor> weights = SavedNetwork.weights(SavedNetwork.MLP);
        Path file = Files.write(folder.resolve("weights.safetensors"), Quantization.pack(weights, Precision.FP32));
        try (Model model = Model.newInstance("checked", "PyTorch")) {
            model.setBlock(SavedNetwork.MLP.newBlock());
            CompressedWeights.of(SavedNetwork.MLP.newBlock(), SavedNetwork.MLP.inputShapes(1))
                    .load(model, file, "test.safetensors");
            Map<String, Tensor> loaded = BlockWeights.of(model.getBlock());
            assertEquals(weights.keySet(), loaded.keySet());
            weights.forEach((name, tensor) ->
                    assertArrayEquals(tensor.values(), loaded.get(name).values(), name));
        }
    }
}
