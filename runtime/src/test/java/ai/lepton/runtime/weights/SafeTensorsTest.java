package ai.lepton.runtime.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

class SafeTensorsTest {

    @Test
    void writtenTensorsReadBackTheSameInTheSameOrder(@TempDir Path dir) throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b.weight", new Tensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        tensors.put("a.bias", new Tensor(new long[] {2}, new float[] {-0.5f, Float.MIN_VALUE}));
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, tensors);
        assertEquals(tensors, SafeTensors.read(file));
        assertEquals(
                0,
                ByteBuffer.wrap(Files.readAllBytes(file))
                                .order(ByteOrder.LITTLE_ENDIAN)
                                .getLong()
                        % 8,
                "header padded to 8");
    }

    @Test
    void halfPrecisionTensorsReadAsFloats(@TempDir Path dir) throws Exception {
        String header =
                "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[4,6]}}";
        ByteBuffer bytes = ByteBuffer.allocate(8 + header.length() + 6).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        bytes.putShort(Float.floatToFloat16(1.5f))
                .putShort(Float.floatToFloat16(-2f))
                .putShort((short) (Float.floatToIntBits(3f) >>> 16));
        Path file = dir.resolve("half.safetensors");
        Files.write(file, bytes.array());
        Map<String, Tensor> read = SafeTensors.read(file);
        assertEquals(new Tensor(new long[] {2}, new float[] {1.5f, -2f}), read.get("h"));
        assertEquals(new Tensor(new long[] {1}, new float[] {3f}), read.get("b"));
    }

    @Test
    void aTruncatedOrForeignFileIsRefusedSayingWhy(@TempDir Path dir) throws Exception {
        Map<String, Tensor> tensors = Map.of("w", new Tensor(new long[] {4}, new float[] {1, 2, 3, 4}));
        Path file = dir.resolve("cut.safetensors");
        SafeTensors.write(file, tensors);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 4));
        SafeTensors.DamagedException cut =
                assertThrows(SafeTensors.DamagedException.class, () -> SafeTensors.read(file));
        assertTrue(cut.getMessage().contains("tensor w claims bytes 0 to 16"), cut.getMessage());
        Path text = Files.writeString(dir.resolve("text.safetensors"), "not a model at all");
        assertTrue(assertThrows(SafeTensors.DamagedException.class, () -> SafeTensors.read(text))
                .getMessage()
                .contains("is not a safetensors file"));
    }
}
