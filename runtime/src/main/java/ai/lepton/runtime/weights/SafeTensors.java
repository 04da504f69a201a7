package ai.lepton.runtime.weights;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Hugging Face's safetensors format: an 8-byte little-endian header length, a JSON header giving each tensor's dtype,
 * shape and byte range, then the raw little-endian data. Reads F32, F16, BF16 and I8 (as floats); writes F32, F16 or I8
 * per tensor (I8 tensors hold whole numbers from -128 to 127).
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
            write(out, tensors, name -> "F32");
        }
    }

    /** The file's bytes, each tensor stored in the dtype {@code dtype} gives for its name (F32, F16 or I8). */
    public static byte[] bytes(Map<String, Tensor> tensors, Function<String, String> dtype) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, tensors, dtype);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void write(OutputStream out, Map<String, Tensor> tensors, Function<String, String> dtype)
            throws IOException {
        JsonObject header = new JsonObject();
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            String type = dtype.apply(entry.getKey());
            long bytes = (long) width(type, entry.getKey()) * entry.getValue().values().length;
            JsonObject info = new JsonObject();
            info.addProperty("dtype", type);
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
            String type = dtype.apply(entry.getKey());
            float[] values = entry.getValue().values();
            ByteBuffer data = ByteBuffer.allocate(width(type, entry.getKey()) * values.length)
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (float value : values) {
                switch (type) {
                    case "F32" -> data.putFloat(value);
                    case "F16" -> data.putShort(Float.floatToFloat16(value));
                    default -> {
                        if (value != Math.rint(value) || value < -128 || value > 127) {
                            throw new IllegalArgumentException(
                                    "tensor " + entry.getKey() + " holds " + value + ", which is not an int8 value");
                        }
                        data.put((byte) value);
                    }
                }
            }
            out.write(data.array());
        }
    }

    private static int width(String dtype, String name) {
        return switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            case "I8" -> 1;
            default -> throw new IllegalArgumentException("tensor " + name + ": no dtype " + dtype);
        };
    }

    /** Every tensor of {@code file}, by name, in the header's order; a damaged file is refused saying what is wrong. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return read(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()), file.toString());
        }
    }

    /** Every tensor in {@code bytes}, read from {@code source} (named in errors). */
    public static Map<String, Tensor> read(byte[] bytes, String source) throws IOException {
        return read(ByteBuffer.wrap(bytes), source);
    }

    private static Map<String, Tensor> read(ByteBuffer buffer, String source) throws IOException {
        ByteBuffer all = buffer.order(ByteOrder.LITTLE_ENDIAN);
        if (all.remaining() < 8) {
            throw new DamagedException(source + " is not a safetensors file: it is shorter than its header's length.");
        }
        long headerLength = all.getLong(0);
        if (headerLength < 2 || headerLength > all.remaining() - 8) {
            throw new DamagedException(source + " is not a safetensors file: its header length " + headerLength
                    + " does not fit in its " + all.remaining() + " bytes.");
        }
        byte[] json = new byte[Math.toIntExact(headerLength)];
        all.get(8, json);
        JsonObject header;
        try {
            header = JsonParser.parseString(new String(json, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (RuntimeException e) {
            throw new DamagedException(
                    source + " is not a safetensors file: its header is not JSON (" + e.getMessage() + ").");
        }
        ByteBuffer data = all.slice(
                        Math.toIntExact(8 + headerLength), Math.toIntExact(all.remaining() - 8 - headerLength))
                .order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : header.entrySet()) {
            if (!entry.getKey().equals("__metadata__")) {
                tensors.put(
                        entry.getKey(),
                        tensor(source, entry.getKey(), entry.getValue().getAsJsonObject(), data));
            }
        }
        return tensors;
    }

    private static Tensor tensor(String source, String name, JsonObject info, ByteBuffer data) throws DamagedException {
        String dtype = info.get("dtype").getAsString();
        long[] shape = GSON.fromJson(info.get("shape"), long[].class);
        long begin = info.getAsJsonArray("data_offsets").get(0).getAsLong();
        long end = info.getAsJsonArray("data_offsets").get(1).getAsLong();
        int width;
        try {
            width = width(dtype, name);
        } catch (IllegalArgumentException e) {
            throw new DamagedException(
                    source + ": tensor " + name + " is " + dtype + "; Lepton reads F32, F16, BF16 and I8 weights.");
        }
        long count = 1;
        for (long size : shape) {
            count = Math.multiplyExact(count, size);
        }
        if (end - begin != count * width || end > data.remaining() || begin < 0) {
            throw new DamagedException(source + ": tensor " + name + " claims bytes " + begin + " to " + end + " for "
                    + count + " " + dtype + " values; the file is truncated or damaged.");
        }
        float[] values = new float[Math.toIntExact(count)];
        ByteBuffer bytes =
                data.slice(Math.toIntExact(begin), Math.toIntExact(end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (dtype) {
                case "F32" -> bytes.getFloat(4 * i);
                case "F16" -> Float.float16ToFloat(bytes.getShort(2 * i));
                case "I8" -> bytes.get(i);
                default -> Float.intBitsToFloat((bytes.getShort(2 * i) & 0xffff) << 16); // BF16: the top half of an F32
            };
        }
        return new Tensor(shape, values);
    }
}
