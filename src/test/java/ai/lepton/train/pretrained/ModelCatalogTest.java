package ai.lepton.train.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.IsolatedHome;
import ai.lepton.runtime.model.BertConfig;
import ai.lepton.runtime.weights.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

/** The shipped all-MiniLM-L6-v2, made from its ONNX export in Maven Central's jar into a Hugging Face folder. */
@ExtendWith(IsolatedHome.class)
class ModelCatalogTest {

    private static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2";
    private static HuggingFaceFolder folder;
    private static Map<String, Tensor> weights;

    @BeforeAll
    static void convert() {
        folder = ModelCatalog.find(MINILM).orElseThrow();
        weights = folder.weights();
    }

    @Test
    void theFolderHoldsTheConfigTheWeightsAndTheTokenizerUnderTheHubId() throws Exception {
        assertEquals(ModelCatalog.root().resolve(MINILM), folder.folder());
        assertEquals(new BertConfig("bert", 30522, 384, 6, 12, 1536, 512, 2, 1e-12, "gelu"), folder.config());
        assertEquals("mean", folder.pooling());
        assertTrue(Files.size(folder.tokenizer()) > 100_000);
        assertEquals(List.of(), ModelCatalog.find("nobody/nothing").stream().toList(), "not shipped: not found");
    }

    @Test
    void everyTensorHasItsPyTorchNameAndShape() {
        assertEquals(5 + 6 * 16, weights.size(), "embeddings (3 tables, LayerNorm) and 16 tensors a layer");
        assertArrayEquals(
                new long[] {30522, 384},
                weights.get("embeddings.word_embeddings.weight").shape());
        assertArrayEquals(
                new long[] {384, 384},
                weights.get("encoder.layer.5.attention.self.value.weight").shape());
        assertArrayEquals(
                new long[] {1536, 384},
                weights.get("encoder.layer.0.intermediate.dense.weight").shape());
        assertArrayEquals(
                new long[] {384, 1536},
                weights.get("encoder.layer.0.output.dense.weight").shape());
        assertTrue(weights.keySet().stream()
                .noneMatch(name -> name.startsWith("onnx::") || name.contains("position_ids")));
    }

    @Test
    void aLinearWeightIsTheTransposeOfTheMatMulThatFeedsItsBias() throws Exception {
        OnnxModel onnx;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            onnx = OnnxModel.read(ByteBuffer.wrap(in.readAllBytes()), "all-minilm-l6-v2.onnx");
        }
        OnnxModel.Node query = onnx.nodes().stream()
                .filter(node -> node.name().equals("/encoder/layer.0/attention/self/query/MatMul"))
                .findFirst()
                .orElseThrow();
        Tensor stored = onnx.initializers().get(query.inputs().get(1)); // [in, out]
        Tensor imported = weights.get("encoder.layer.0.attention.self.query.weight"); // [out, in]
        assertEquals(stored.values()[3 * 384 + 7], imported.values()[7 * 384 + 3]);
        assertEquals(stored.transposed(), imported);
    }

    @Test
    void aSecondAskUsesTheFolderAlreadyMade() throws Exception {
        Path weightsFile = folder.folder().resolve(HuggingFaceFolder.WEIGHTS);
        FileTime made = Files.getLastModifiedTime(weightsFile);
        ModelCatalog.find(MINILM);
        assertEquals(made, Files.getLastModifiedTime(weightsFile));
        try (var files = Files.list(ModelCatalog.root().resolve("sentence-transformers"))) {
            assertEquals(
                    List.of("all-MiniLM-L6-v2"),
                    files.map(file -> file.getFileName().toString()).toList(),
                    "no .writing- left");
        }
    }

    @Test
    void aFolderWithoutItsFilesOrOfAnotherModelTypeIsRefusedNamingWhat(@TempDir Path dir) throws Exception {
        PretrainedException missing = assertThrows(PretrainedException.class, () -> HuggingFaceFolder.open(dir));
        assertTrue(
                missing.getMessage().contains("has no config.json, no model.safetensors, no tokenizer.json"),
                missing.getMessage());
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"gpt2\"}");
        Files.writeString(dir.resolve("model.safetensors"), "");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        PretrainedException type = assertThrows(PretrainedException.class, () -> HuggingFaceFolder.open(dir));
        assertTrue(
                type.getMessage().contains("model_type 'gpt2' is not one Lepton builds; it builds bert"),
                type.getMessage());
    }
}
