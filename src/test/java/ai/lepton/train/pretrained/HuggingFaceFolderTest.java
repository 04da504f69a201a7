package ai.lepton.train.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.IsolatedHome;
import ai.lepton.base.Settings;
import ai.lepton.runtime.weights.SafeTensors;
import ai.lepton.runtime.weights.Tensor;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Hugging Face folder's weights in one file or in shards, and its config.json held to them before anything is built:
 * a config that claims more than its weights hold is refused naming the field, the file and what the weights say.
 */
@ExtendWith(IsolatedHome.class)
class HuggingFaceFolderTest {

    private static Path tiny;

    @BeforeAll
    static void writeTiny() throws IOException {
        tiny = TinyBert.write(Settings.HOME.get().resolve("tiny"));
    }

    private static Path copy(String name) throws IOException {
        Path folder = Files.createDirectories(Settings.HOME.get().resolve(name));
        for (String file :
                new String[] {HuggingFaceFolder.CONFIG, HuggingFaceFolder.WEIGHTS, HuggingFaceFolder.TOKENIZER}) {
            Files.copy(tiny.resolve(file), folder.resolve(file));
        }
        return folder;
    }

    /** Splits the tiny model's weights in two shards (the embeddings; the layers) with the index save_pretrained writes. */
    private static Path sharded(String name) throws IOException {
        Path folder = copy(name);
        Files.delete(folder.resolve(HuggingFaceFolder.WEIGHTS));
        Map<String, Tensor> first = new LinkedHashMap<>();
        Map<String, Tensor> second = new LinkedHashMap<>();
        JsonObject map = new JsonObject();
        TinyBert.weights().forEach((tensor, values) -> {
            boolean embedding = tensor.startsWith("embeddings.");
            (embedding ? first : second).put(tensor, values);
            map.addProperty(tensor, "model-0000" + (embedding ? 1 : 2) + "-of-00002.safetensors");
        });
        SafeTensors.write(folder.resolve("model-00001-of-00002.safetensors"), first);
        SafeTensors.write(folder.resolve("model-00002-of-00002.safetensors"), second);
        JsonObject index = new JsonObject();
        index.add("metadata", JsonParser.parseString("{\"total_size\": 1}"));
        index.add("weight_map", map);
        Files.writeString(folder.resolve(WeightFiles.INDEX), index.toString());
        return folder;
    }

    private static String refusal(Path folder) {
        return assertThrows(PretrainedException.class, () -> HuggingFaceFolder.open(folder))
                .getMessage();
    }

    private static void editConfig(Path folder, String field, String value) throws IOException {
        JsonObject config = JsonParser.parseString(Files.readString(folder.resolve(HuggingFaceFolder.CONFIG)))
                .getAsJsonObject();
        config.add(field, JsonParser.parseString(value));
        Files.writeString(folder.resolve(HuggingFaceFolder.CONFIG), config.toString());
    }

    @Test
    void shardedWeightsLoadAsTheOneFileDid() throws IOException {
        HuggingFaceFolder folder = HuggingFaceFolder.open(sharded("sharded"));
        assertEquals(TinyBert.CONFIG, folder.config());
        Map<String, Tensor> weights = folder.weights();
        assertEquals(TinyBert.weights(), weights);
        assertTrue(
                folder.weightFiles().toString().startsWith("the 2 shards of "),
                folder.weightFiles().toString());
        assertEquals(64, folder.weightsSha256().length());
        assertNotEquals(
                HuggingFaceFolder.open(tiny).weightsSha256(),
                folder.weightsSha256(),
                "the shards' bytes, not the file's");
    }

    @Test
    void anIndexMayNameOnlyShardsInsideItsFolderThatHoldTheirTensors() throws IOException {
        Path folder = sharded("escaping");
        Files.copy(
                folder.resolve("model-00001-of-00002.safetensors"),
                Settings.HOME.get().resolve("outside.safetensors"));
        Path index = folder.resolve(WeightFiles.INDEX);
        String original = Files.readString(index);
        Files.writeString(index, original.replace("model-00001-of-00002", "../outside"));
        assertTrue(refusal(folder)
                .contains("in ../outside.safetensors, which is not a .safetensors file of the folder"
                        + " (a name without a path)"));
        Files.writeString(index, original.replace("model-00002-of-00002", "model-00003-of-00003"));
        assertTrue(refusal(folder).contains("in model-00003-of-00003.safetensors, which is not in " + folder));
        Files.writeString(
                index,
                original.replace(
                        "\"embeddings.LayerNorm.bias\":\"model-00001", "\"embeddings.LayerNorm.bias\":\"model-00002"));
        assertTrue(refusal(folder)
                .contains(
                        "puts embeddings.LayerNorm.bias in model-00002-of-00002.safetensors, which does not hold it"));
        Files.writeString(index, "{\"weight_map\": [1, 2]}");
        assertTrue(refusal(folder).contains("has no weight_map object"));
    }

    @Test
    void aConfigThatDisagreesWithItsWeightsIsRefusedBeforeAnythingIsBuilt() throws IOException {
        Path folder = copy("disagreeing");
        editConfig(folder, "num_hidden_layers", "3");
        editConfig(folder, "hidden_size", "32");
        editConfig(folder, "max_position_embeddings", "512");
        String message = refusal(folder);
        assertTrue(
                message.startsWith(folder.resolve(HuggingFaceFolder.CONFIG) + " does not fit its weights, "
                        + folder.resolve(HuggingFaceFolder.WEIGHTS) + ": "),
                message);
        assertTrue(
                message.contains(
                        "max_position_embeddings is 512 but embeddings.position_embeddings.weight has 128 rows"),
                message);
        assertTrue(message.contains("hidden_size is 32 but embeddings.word_embeddings.weight is 16 wide"), message);
        assertTrue(
                message.contains("num_hidden_layers is 3 but the weights have 2 (encoder.layer.0 to encoder.layer.1)"),
                message);
        assertTrue(message.endsWith("Use the config.json saved with these weights."), message);
    }

    @Test
    void absurdSizesAreRefusedByNameWithTheirRange() throws IOException {
        Path folder = copy("absurd");
        editConfig(folder, "num_hidden_layers", "1000000");
        assertTrue(
                refusal(folder)
                        .contains(
                                "config.json: num_hidden_layers 1000000 is outside 1 to 256, the sizes of the BERT-family encoders"));
        editConfig(folder, "num_hidden_layers", "2");
        editConfig(folder, "hidden_size", "65536");
        assertTrue(refusal(folder).contains("hidden_size 65536 is outside 1 to 16384"));
        editConfig(folder, "hidden_size", "{\"a\": 1}");
        assertTrue(refusal(folder).contains("config.json's hidden_size is {\"a\":1}, not a number or a text."));
        editConfig(folder, "hidden_size", "16.5");
        assertTrue(refusal(folder).contains("config.json's hidden_size is 16.5, not a whole number"));
        editConfig(folder, "hidden_size", "16");
        editConfig(folder, "layer_norm_eps", "\"tiny\"");
        assertTrue(refusal(folder).contains("config.json's layer_norm_eps is 'tiny', not a number."));
    }

    @Test
    void aMisShapedTensorIsNamedBeforeAnythingIsBuilt() throws IOException {
        Path folder = copy("misshaped");
        Map<String, Tensor> weights = new LinkedHashMap<>(TinyBert.weights());
        weights.put("encoder.layer.1.output.dense.bias", new Tensor(new long[] {8}, new float[8]));
        weights.remove("encoder.layer.0.attention.self.key.weight");
        SafeTensors.write(folder.resolve(HuggingFaceFolder.WEIGHTS), weights);
        String message = refusal(folder);
        assertTrue(
                message.contains("encoder.layer.0.attention.self.key.weight is missing; "
                        + "encoder.layer.1.output.dense.bias has shape [8], the encoder needs [16]"),
                message);
    }

    @Test
    void theShapesAConfigImpliesAreThoseOfTheEncodersOwnParameters() {
        Map<String, long[]> implied = BertShapes.of(TinyBert.CONFIG);
        Map<String, Tensor> built = TinyBert.weights(); // named and shaped by the encoder itself
        assertEquals(built.keySet(), implied.keySet());
        built.forEach((name, tensor) -> assertArrayEquals(tensor.shape(), implied.get(name), name));
    }
}
