package ai.lepton.train.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.lepton.IsolatedHome;
import ai.lepton.runtime.model.BertEncoder;
import ai.lepton.runtime.weights.Tensor;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Lepton's encoder with all-MiniLM-L6-v2's imported weights computes what the model's ONNX export computes in ONNX
 * Runtime, token for token, on a padded batch.
 */
@ExtendWith(IsolatedHome.class)
class BertEncoderTest {

    /** Three sequences of lengths 7, 4 and 9 (word-piece ids of the real vocabulary), padded to 9. */
    private static final long[][] IDS = {
        {101, 1996, 4937, 2938, 2006, 1996, 102, 0, 0},
        {101, 7592, 2088, 102, 0, 0, 0, 0, 0},
        {101, 2023, 2003, 1037, 3231, 1997, 1996, 4372, 102}
    };

    private static HuggingFaceFolder minilm;

    @BeforeAll
    static void findTheModel() {
        minilm = ModelCatalog.find("sentence-transformers/all-MiniLM-L6-v2").orElseThrow();
    }

    private static long[][] mask() {
        long[][] mask = new long[IDS.length][IDS[0].length];
        for (int row = 0; row < IDS.length; row++) {
            for (int token = 0; token < IDS[row].length; token++) {
                mask[row][token] = token == 0 || IDS[row][token] != 0 ? 1 : 0;
            }
        }
        return mask;
    }

    private static float[][][] lepton() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            BertEncoder encoder = new BertEncoder(minilm.config(), 0.1f);
            Shape shape = new Shape(IDS.length, IDS[0].length);
            encoder.initialize(manager, DataType.FLOAT32, shape, shape, shape);
            BertWeights.load(encoder, minilm.weights(), minilm.folder().toString());
            NDArray ids = manager.create(IDS);
            NDArray hidden = encoder.forward(
                            new ParameterStore(manager, false),
                            new NDList(ids, manager.create(mask()), ids.zerosLike()),
                            false)
                    .head();
            float[] flat = hidden.toFloatArray();
            int width = (int) hidden.getShape().get(2);
            float[][][] out = new float[IDS.length][IDS[0].length][width];
            for (int i = 0; i < flat.length; i++) {
                out[i / (IDS[0].length * width)][(i / width) % IDS[0].length][i % width] = flat[i];
            }
            return out;
        }
    }

    private static float[][][] onnxRuntime() throws Exception {
        byte[] model;
        try (InputStream in = BertEncoderTest.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            model = in.readAllBytes();
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(model, new OrtSession.SessionOptions());
                OnnxTensor ids = OnnxTensor.createTensor(environment, IDS);
                OnnxTensor mask = OnnxTensor.createTensor(environment, mask());
                OnnxTensor types = OnnxTensor.createTensor(environment, new long[IDS.length][IDS[0].length])) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", ids);
            inputs.put("attention_mask", mask);
            inputs.put("token_type_ids", types);
            try (OrtSession.Result result = session.run(inputs)) {
                return (float[][][])
                        result.get("last_hidden_state").orElseThrow().getValue();
            }
        }
    }

    @Test
    void theEncodersHiddenStatesEqualOnnxRuntimesForEveryRealToken() throws Exception {
        float[][][] ours = lepton();
        float[][][] reference = onnxRuntime();
        long[][] mask = mask();
        double worst = 0;
        for (int row = 0; row < IDS.length; row++) {
            for (int token = 0; token < IDS[row].length; token++) {
                if (mask[row][token] == 1) {
                    for (int i = 0; i < ours[row][token].length; i++) {
                        worst = Math.max(worst, Math.abs(ours[row][token][i] - reference[row][token][i]));
                    }
                }
            }
        }
        assertTrue(worst <= 1e-4, "largest difference from ONNX Runtime: " + worst);
        assertTrue(Math.abs(ours[0][1][0]) > 1e-3, "not all zeros");
    }

    @Test
    void weightsOfAnotherShapeAreRefusedNamingEachTensor() {
        Map<String, Tensor> wrong = new HashMap<>(minilm.weights());
        wrong.remove("encoder.layer.3.output.dense.bias");
        wrong.put("embeddings.position_embeddings.weight", new Tensor(new long[] {2, 384}, new float[768]));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            BertEncoder encoder = new BertEncoder(minilm.config(), 0.1f);
            Shape shape = new Shape(1, 4);
            encoder.initialize(manager, DataType.FLOAT32, shape, shape, shape);
            PretrainedException error =
                    assertThrows(PretrainedException.class, () -> BertWeights.load(encoder, wrong, "test"));
            assertTrue(
                    error.getMessage()
                            .contains(
                                    "embeddings.position_embeddings.weight has shape [2, 384], the encoder needs [512, 384]"),
                    error.getMessage());
            assertTrue(error.getMessage().contains("encoder.layer.3.output.dense.bias is missing"), error.getMessage());
        }
        assertArrayEquals(
                new long[] {512, 384},
                minilm.weights().get("embeddings.position_embeddings.weight").shape());
    }
}
