package ai.lepton.runtime.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.lepton.runtime.SavedNetwork;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.runtime.model.BertConfig;
import ai.lepton.runtime.model.EncoderSettings;
import ai.lepton.runtime.model.LoraSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** DJL's parameter file is checked against the network before DJL reads it: each refusal names the parameter or block. */
class ParameterFileTest {

    /** The first parameter: the first hidden layer's weight, 4 × 5 floats. */
    private static final int FIRST_ARRAY_BYTES = 4 * 5 * Float.BYTES;

    private static byte[] saved;

    @TempDir
    Path folder;

    @BeforeAll
    static void save() throws Exception {
        saved = SavedNetwork.bytes();
    }

    private String refusal(byte[] bytes) throws Exception {
        Path file = Files.write(folder.resolve("model-0000.params"), bytes);
        ParameterFile expected = SavedNetwork.expected();
        try (Model model = Model.newInstance("checked", "PyTorch")) {
            model.setBlock(SavedNetwork.MLP.newBlock());
            return assertThrows(MalformedModelException.class, () -> expected.load(model, file, "test.params"))
                    .getMessage();
        }
    }

    /** Where the first array's length sits: after its byte-order mark, right before its values. */
    private static int firstArrayLength() {
        int array = SavedNetwork.indexOf(saved, "NDAR".getBytes(), 0);
        byte[] lengthField =
                ByteBuffer.allocate(5).put((byte) '<').putInt(FIRST_ARRAY_BYTES).array();
        return SavedNetwork.indexOf(saved, lengthField, array) + 1;
    }

    @Test
    void aFileTheNetworkSavedLoadsWithItsValues() throws Exception {
        Path file = Files.write(folder.resolve("model-0000.params"), saved);
        Files.write(folder.resolve("model-0001.params"), new byte[] {1, 2, 3}); // a later epoch beside it is not read
        try (Model model = Model.newInstance("checked", "PyTorch");
                Model original = Model.newInstance("original", "PyTorch")) {
            model.setBlock(SavedNetwork.MLP.newBlock());
            SavedNetwork.expected().load(model, file, "test.params");
            original.setBlock(SavedNetwork.MLP.newBlock());
            original.load(folder, "model", Map.of("epoch", "0"));
            Map<String, Tensor> loaded = BlockWeights.of(model.getBlock());
            Map<String, Tensor> expected = BlockWeights.of(original.getBlock());
            assertTrue(
                    loaded.keySet().equals(expected.keySet()) && loaded.size() == 6,
                    loaded.keySet().toString());
            expected.forEach((name, tensor) ->
                    assertArrayEquals(tensor.values(), loaded.get(name).values(), name));
        }
    }

    @Test
    void theFileOfEveryFamilyLoadsBack() throws Exception {
        BertConfig bert = new BertConfig("bert", 100, 8, 2, 2, 16, 16, 2, 1e-12, "gelu");
        List<Architecture> architectures = List.of(
                new Architecture("cnn", new long[] {1, 8, 8}, List.of(4, 6), 3, 0.1),
                new Architecture(
                        "bert", new long[] {2}, List.of(), 3, 0, new EncoderSettings(bert, "mean", 8, 0.1, null)),
                new Architecture(
                        "bert",
                        new long[] {0},
                        List.of(),
                        2,
                        0,
                        new EncoderSettings(bert, "cls", 8, 0, new LoraSettings(2, 4, 0))));
        for (Architecture architecture : architectures) {
            Path file = Files.write(folder.resolve("model-0000.params"), SavedNetwork.bytes(architecture));
            try (Model model = Model.newInstance("checked", "PyTorch")) {
                model.setBlock(architecture.newBlock());
                ParameterFile.of(architecture.newBlock(), architecture.inputShapes(1))
                        .load(model, file, architecture.toString());
                assertTrue(model.getBlock().isInitialized(), architecture.toString());
            }
        }
    }

    @Test
    void aFirstArrayLengthOfTwoGibibytesIsRefusedBeforeAnythingIsAllocated() throws Exception {
        byte[] huge = saved.clone();
        ByteBuffer.wrap(huge).putInt(SavedNetwork.firstArrayLength(saved, FIRST_ARRAY_BYTES), Integer.MAX_VALUE);
        String message = refusal(huge);
        assertTrue(
                message.startsWith("test.params, parameter 01SequentialBlock_02SequentialBlock_01Linear_weight"),
                message);
        assertTrue(
                message.endsWith(
                        "its array says 2147483647 bytes of values, and its shape (4, 5) of float32" + " takes 80."),
                message);
    }

    @Test
    void aParameterOfAnotherShapeIsRefusedNamingIt() throws Exception {
        byte[] reshaped = saved.clone();
        // the first array's shape: two dimensions (4, 5), each a long, before its layout and length
        int array = SavedNetwork.indexOf(saved, "NDAR".getBytes(), 0);
        int shape = SavedNetwork.indexOf(
                saved, ByteBuffer.allocate(20).putInt(2).putLong(4).putLong(5).array(), array);
        ByteBuffer.wrap(reshaped).putLong(shape + 4, 40);
        String message = refusal(reshaped);
        assertTrue(message.endsWith("it has shape (40, 5) in the file, and the architecture needs (4, 5)."), message);
    }

    @Test
    void aFileFromAnotherNetworkIsRefusedAtTheFirstBlockThatDiffers() throws Exception {
        Architecture wider = new Architecture("mlp", new long[] {5}, List.of(6, 3), 2, 0);
        Path folder = Files.createDirectories(this.folder.resolve("wider"));
        try (Model model = Model.newInstance("wider", "PyTorch")) {
            model.setBlock(wider.newBlock());
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, wider.inputShapes(1));
            model.save(folder, "model");
        }
        String message = refusal(Files.readAllBytes(folder.resolve("model-0000.params")));
        assertTrue(message.contains("the metadata of block 01SequentialBlock_02SequentialBlock_01Linear"), message);
        assertTrue(message.contains("the parameters were saved from another network"), message);
    }

    @Test
    void aTruncatedFileOrOneWithBytesAfterItsEndIsRefused() throws Exception {
        String truncated = refusal(Arrays.copyOf(saved, saved.length - 3));
        assertTrue(
                truncated.endsWith("parameter 02Linear_bias (byte 1019): it needs 8 more bytes, and the file has 5"
                        + " left: it is truncated or its lengths are wrong."),
                truncated);
        String longer = refusal(Arrays.copyOf(saved, saved.length + 5));
        assertTrue(longer.endsWith("5 bytes follow the last parameter, where the file should end."), longer);
        String foreign = refusal("PK\u0003\u0004 not a parameter file".getBytes());
        assertTrue(foreign.contains("it does not start with DJL's mark DJL@"), foreign);
    }
}
