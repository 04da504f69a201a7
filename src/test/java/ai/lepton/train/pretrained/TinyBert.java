package ai.lepton.train.pretrained;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.lepton.runtime.model.BertConfig;
import ai.lepton.runtime.model.BertEncoder;
import ai.lepton.runtime.weights.SafeTensors;
import ai.lepton.runtime.weights.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A Hugging Face model folder for tests: a BERT of 2 layers and width 16 with seeded random weights, and the shipped
 * MiniLM's tokenizer (so its vocabulary is real). Cheap to train, and easy to break on purpose.
 */
public final class TinyBert {

    public static final BertConfig CONFIG = new BertConfig("bert", 30522, 16, 2, 2, 32, 128, 2, 1e-12, "gelu");

    private TinyBert() {}

    /** Writes config.json, model.safetensors and tokenizer.json into {@code folder}. */
    public static Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(HuggingFaceFolder.CONFIG), CONFIG.toHuggingFace());
        SafeTensors.write(folder.resolve(HuggingFaceFolder.WEIGHTS), weights());
        Files.copy(
                ModelCatalog.find("sentence-transformers/all-MiniLM-L6-v2")
                        .orElseThrow()
                        .tokenizer(),
                folder.resolve(HuggingFaceFolder.TOKENIZER));
        return folder;
    }

    /** Every weight the encoder needs, by its Hugging Face name, with small seeded values. */
    public static Map<String, Tensor> weights() {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Random random = new Random(11);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            BertEncoder encoder = new BertEncoder(CONFIG, 0f);
            Shape shape = new Shape(1, 4);
            encoder.initialize(manager, DataType.FLOAT32, shape, shape, shape);
            encoder.huggingFaceNames().forEach((name, parameter) -> {
                long[] dims = parameter.getArray().getShape().getShape();
                float[] values = new float[Math.toIntExact(parameter.getArray().size())];
                for (int i = 0; i < values.length; i++) {
                    values[i] = name.endsWith("LayerNorm.weight") ? 1f : (float) (random.nextGaussian() * 0.05);
                }
                weights.put(name, new Tensor(dims, values));
            });
        }
        return weights;
    }
}
