package ai.lepton.runtime.weights;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Hugging Face's safetensors format: an 8-byte little-endian header length, a JSON header giving each tensor's dtype,
 * shape and byte range, then the raw little-endian data. Reads F32, F16, BF16 and I8 (as floats), through
 * {@link SafeTensorsFile}, which checks the header before reading anything; writes F32, F16 or I8 per tensor (I8
 * tensors hold whole numbers from -128 to 127).
 */
public final class SafeTensors {

    /** A damaged or foreign file; the message says what is wrong. */
    public static final class DamagedException extends IOException {
        DamagedException(String message) {
            super(message);
        }
    }

    private static final Gson GSON = new Gson();

    private SafeTensors() {}

    /** Writes every tensor as F32. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, tensors, name -> DType.F32);
        }
    }

    /** The file's bytes, each tensor stored in the dtype {@code dtype} gives for its name. */
    static byte[] bytes(Map<String, Tensor> tensors, Function<String, DType> dtype) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, tensors, dtype);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void write(OutputStream out, Map<String, Tensor> tensors, Function<String, DType> dtype)
            throws IOException {
        JsonObject header = new JsonObject();
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            long bytes = (long) dtype.apply(entry.getKey()).width()
                    * entry.getValue().values().length;
            JsonObject info = new JsonObject();
            info.addProperty("dtype", dtype.apply(entry.getKey()).name());
            info.add("shape", GSON.toJsonTree(entry.getValue().shape()));
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + bytes);
            info.add("data_offsets", offsets);
            header.add(entry.getKey(), info);
            offset += bytes;
        }
        byte[] json = GSON.toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // the format pads the header with spaces to a multiple of 8
        out.write(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(padded)
                .array());
        out.write(json);
        out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            DType type = dtype.apply(entry.getKey());
            float[] values = entry.getValue().values();
            ByteBuffer data = ByteBuffer.allocate(type.width() * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float value : values) {
                type.put(data, value, entry.getKey());
            }
            out.write(data.array());
        }
    }

    /** Every tensor of {@code file}, by name, in the header's order; a damaged file is refused saying what is wrong. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        return SafeTensorsFile.open(file).tensors();
    }

    /** Every tensor in {@code bytes}, read from {@code source} (named in errors). */
    public static Map<String, Tensor> read(byte[] bytes, String source) throws IOException {
        return SafeTensorsFile.of(bytes, source).tensors();
    }
}
