package ai.lepton.runtime.weights;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A network's weights stored smaller. {@link Precision#INT8}: each matrix (any weight of two or more axes: linear,
 * convolution, embedding) becomes whole numbers from -127 to 127 with one float scale per row (its first axis), the
 * row's largest magnitude over 127; vectors (biases, norms) stay fp32. {@link Precision#FP16}: every weight as half
 * floats. Stored in safetensors; {@link #unpack} gives the floats the network computes with.
 */
public final class Quantization {

    /** The suffix of a quantized matrix's scales: {@code NAME/scale}, one per row. */
    static final String SCALE = "/scale";

    private Quantization() {}

    /** The weights (name to tensor) at {@code precision}, as safetensors bytes. */
    public static byte[] pack(Map<String, Tensor> weights, Precision precision) {
        if (precision != Precision.INT8) {
            return SafeTensors.bytes(weights, name -> precision == Precision.FP16 ? DType.F16 : DType.F32);
        }
        Map<String, Tensor> packed = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> entry : weights.entrySet()) {
            Tensor tensor = entry.getValue();
            if (tensor.shape().length < 2) {
                packed.put(entry.getKey(), tensor);
                continue;
            }
            int rows = Math.toIntExact(tensor.shape()[0]);
            int width = rows == 0 ? 0 : tensor.values().length / rows;
            float[] scales = new float[rows];
            float[] levels = new float[tensor.values().length];
            for (int row = 0; row < rows; row++) {
                float largest = 0;
                for (int i = row * width; i < (row + 1) * width; i++) {
                    largest = Math.max(largest, Math.abs(tensor.values()[i]));
                }
                scales[row] = largest == 0 ? 1 : largest / 127f;
                for (int i = row * width; i < (row + 1) * width; i++) {
                    levels[i] = Math.round(tensor.values()[i] / scales[row]);
                }
            }
            packed.put(entry.getKey(), new Tensor(tensor.shape(), levels));
            packed.put(entry.getKey() + SCALE, new Tensor(new long[] {rows}, scales));
        }
        return SafeTensors.bytes(
                packed, name -> name.endsWith(SCALE) || !packed.containsKey(name + SCALE) ? DType.F32 : DType.I8);
    }

    /** The float weights stored in {@code bytes} (read from {@code source}), quantized matrices multiplied back out. */
    public static Map<String, Tensor> unpack(byte[] bytes, String source) throws IOException {
        SafeTensorsFile stored = SafeTensorsFile.of(bytes, source);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (String name : stored.names()) {
            if (!name.endsWith(SCALE)) {
                weights.put(name, restore(stored, name, source));
            }
        }
        return weights;
    }

    /**
     * The floats of weight {@code name} in {@code stored} (read from {@code source}): a quantized matrix's whole numbers
     * times its rows' scales, any other tensor as stored.
     */
    static Tensor restore(SafeTensorsFile stored, String name, String source) throws IOException {
        Tensor tensor = stored.tensor(name);
        if (!stored.names().contains(name + SCALE)) {
            return tensor;
        }
        Tensor scales = stored.tensor(name + SCALE);
        long[] shape = tensor.shape();
        int rows = scales.values().length;
        if (shape.length < 2 || scales.shape().length != 1 || shape[0] != rows) {
            throw SafeTensorsHeader.damaged(
                    source,
                    name + " has shape " + Arrays.toString(shape) + " and " + name + SCALE + " shape "
                            + Arrays.toString(scales.shape()) + "; a quantized matrix has one scale per row");
        }
        int width = rows == 0 ? 0 : tensor.values().length / rows;
        float[] values = new float[tensor.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = tensor.values()[i] * scales.values()[i / width];
        }
        return new Tensor(shape, values);
    }
}
