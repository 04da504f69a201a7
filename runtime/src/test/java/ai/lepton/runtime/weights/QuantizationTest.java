package ai.lepton.runtime.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

class QuantizationTest {

    private static Map<String, Tensor> weights() {
        Random random = new Random(5);
        float[] matrix = new float[64 * 100];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) random.nextGaussian() * (1 + i / 100); // rows of very different scales
        }
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put("layer_weight", new Tensor(new long[] {64, 100}, matrix));
        weights.put("layer_bias", new Tensor(new long[] {3}, new float[] {0.1f, -2.5f, 1e-7f}));
        weights.put("zero_weight", new Tensor(new long[] {2, 2}, new float[4]));
        return weights;
    }

    @Test
    void int8KeepsEachRowWithinHalfItsOwnStepAndVectorsExactly() throws Exception {
        Map<String, Tensor> weights = weights();
        byte[] packed = Quantization.pack(weights, Precision.INT8);
        Map<String, Tensor> restored = Quantization.unpack(packed, "test");
        assertEquals(weights.keySet(), restored.keySet(), "scales are not weights of their own");
        float[] before = weights.get("layer_weight").values();
        float[] after = restored.get("layer_weight").values();
        for (int row = 0; row < 64; row++) {
            float largest = 0;
            for (int i = row * 100; i < row * 100 + 100; i++) {
                largest = Math.max(largest, Math.abs(before[i]));
            }
            for (int i = row * 100; i < row * 100 + 100; i++) {
                assertTrue(Math.abs(before[i] - after[i]) <= largest / 127 / 2 * 1.0001, "row " + row);
            }
        }
        assertEquals(weights.get("layer_bias"), restored.get("layer_bias"));
        assertArrayEquals(new float[4], restored.get("zero_weight").values());
        long fp32 = Quantization.pack(weights, Precision.FP32).length;
        assertTrue(packed.length < 0.3 * fp32, packed.length + " bytes of int8 against " + fp32 + " of fp32");
    }

    @Test
    void fp16HalvesTheSizeAndRoundsToTheNearestHalf() throws Exception {
        Map<String, Tensor> weights = weights();
        byte[] packed = Quantization.pack(weights, Precision.FP16);
        Map<String, Tensor> restored = Quantization.unpack(packed, "test");
        float[] before = weights.get("layer_weight").values();
        float[] after = restored.get("layer_weight").values();
        for (int i = 0; i < before.length; i++) {
            assertEquals(Float.float16ToFloat(Float.floatToFloat16(before[i])), after[i]);
        }
        assertTrue(packed.length < 0.55 * Quantization.pack(weights, Precision.FP32).length);
    }

    @Test
    void anUnknownPrecisionIsRefusedNamingTheChoices() {
        assertEquals(Precision.INT8, Precision.of(" INT8 "));
        String message = assertThrows(IllegalArgumentException.class, () -> Precision.of("int4"))
                .getMessage();
        assertTrue(message.contains("'int4'") && message.contains("fp32, fp16, int8"), message);
    }

    @Test
    void scalesThatDoNotFitTheirMatrixAreRefusedNamingBoth() {
        byte[] scalar = SafeTensorsTest.file(
                "{\"m\":{\"dtype\":\"I8\",\"shape\":[],\"data_offsets\":[0,1]},"
                        + "\"m/scale\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[1,5]}}",
                5);
        String message = assertThrows(SafeTensors.DamagedException.class, () -> Quantization.unpack(scalar, "q.st"))
                .getMessage();
        assertTrue(
                message.startsWith("q.st is damaged: m has shape [] and m/scale shape [1]; a quantized matrix has"
                        + " one scale per row"),
                message);
    }

    @Test
    void anEmptyQuantizedMatrixUnpacksEmpty() throws Exception {
        byte[] empty = Quantization.pack(Map.of("m", new Tensor(new long[] {0, 3}, new float[0])), Precision.INT8);
        assertArrayEquals(
                new long[] {0, 3}, Quantization.unpack(empty, "q").get("m").shape());
    }
}
