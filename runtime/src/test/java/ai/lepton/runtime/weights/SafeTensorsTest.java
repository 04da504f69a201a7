package ai.lepton.runtime.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.RandomAccessFile;
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

    /** A file of {@code header} (JSON, unpadded) and {@code data} bytes. */
    static byte[] file(String header, int data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + data)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length)
                .put(json)
                .array();
    }

    private static String damage(String header, int data) {
        return assertThrows(SafeTensors.DamagedException.class, () -> SafeTensors.read(file(header, data), "w.st"))
                .getMessage();
    }

    @Test
    void overlappingRangesAreRefusedSoNoByteIsReadTwice() {
        String message = damage(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}",
                16);
        assertTrue(message.startsWith("w.st is damaged: tensor b's bytes 0 to 16 overlap tensor a's"), message);
        assertTrue(message.endsWith("Save or download the file again."), message);
    }

    @Test
    void bytesNoTensorClaimsAreRefusedAsTheFormatRequires() {
        String f32 = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[%d,%d]}}";
        assertTrue(damage(f32.formatted(4, 8), 8)
                .startsWith("w.st is damaged: bytes 0 to 4 of its data belong to no tensor"));
        assertTrue(damage(f32.formatted(0, 4), 12)
                .startsWith("w.st is damaged: bytes 4 to 12 of its data belong to no tensor"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"w":5} | w.st is damaged: tensor w is not an object of dtype, shape and data_offsets
            {"w":{"shape":[1],"data_offsets":[0,4]}} | w.st is damaged: tensor w has no dtype
            {"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}} | w.st is damaged: tensor w's shape holds -1, which is negative
            {"w":{"dtype":"F32","shape":[4611686018427387905],"data_offsets":[0,4]}} | w.st is damaged: tensor w's shape [4611686018427387905] holds more values than any file
            {"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}} | w.st is damaged: tensor w's shape holds a number that is not a whole number
            {"w":{"dtype":"F32","shape":[[1]],"data_offsets":[0,4]}} | w.st is damaged: tensor w's shape holds something other than a number
            {"w":{"dtype":"F64","shape":[1],"data_offsets":[0,4]}} | w.st: tensor w is F64; Lepton reads F32, F16, BF16 and I8
            {"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}} | w.st is damaged: tensor w's data_offsets has 1 numbers, not [begin, end]
            {"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}} | w.st is damaged: tensor w claims bytes 0 to 4 for 2 F32 values (8 bytes)
            {"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}} | w.st is damaged: tensor w claims bytes 4 to 0
            {"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"x":1}} | w.st is damaged: tensor w has a field 'x'
            {"w":{"dtype":"F32","shape":[1],"shape":[1],"data_offsets":[0,4]}} | w.st is damaged: tensor w gives shape twice
            {"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}} | w.st is damaged: its header gives tensor w twice
            {"__metadata__":{"a":{"b":1}},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}} | w.st is damaged: __metadata__'s a is not a text
            {"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}{} | w.st is not a safetensors file: its header is not JSON (malformed JSON at line 1 column 56
            [1] | w.st is not a safetensors file: its header does not start with '{'
            {"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]} | w.st is not a safetensors file: its header is not JSON (End of input at line 1 column 54
            """)
    void eachHeaderDefectIsTheOneDamagedFileErrorNamingIt(String header, String expected) {
        String message = damage(header.strip(), 4);
        assertTrue(message.startsWith(expected), message);
    }

    @Test
    void aDeeplyNestedHeaderIsRefusedWithoutDescendingIntoIt() {
        String nested = "[".repeat(100_000);
        String message = damage("{\"w\":{\"dtype\":\"F32\",\"shape\":" + nested + "}}", 4);
        assertTrue(
                message.startsWith("w.st is damaged: tensor w's shape holds something other than a number"), message);
        assertTrue(damage("{\"w\":" + nested + "}", 4).startsWith("w.st is damaged: tensor w is not an object"));
    }

    @Test
    void aHeaderLengthBeyondTheFormatsCapOrTheFileIsRefusedBeforeReadingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("huge.safetensors");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(300L << 20); // sparse: no disk or memory cost
            sparse.write(ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(200L << 20)
                    .array());
        }
        String message = assertThrows(SafeTensors.DamagedException.class, () -> SafeTensors.read(file))
                .getMessage();
        assertTrue(message.contains("its header length 209715200 is not between 2 and 104857600"), message);
        byte[] negative = file("{}", 0);
        ByteBuffer.wrap(negative).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -8);
        assertTrue(assertThrows(SafeTensors.DamagedException.class, () -> SafeTensors.read(negative, "n.st"))
                .getMessage()
                .contains("its header length 18446744073709551608 is not between 2 and 2"));
    }

    @Test
    void aTensorBeyondTheTwoGigabyteMarkReadsBack(@TempDir Path dir) throws Exception {
        long gigabyte = 1L << 30;
        String header = "{\"pad.a\":{\"dtype\":\"I8\",\"shape\":[" + gigabyte + "],\"data_offsets\":[0," + gigabyte
                + "]},\"pad.b\":{\"dtype\":\"I8\",\"shape\":[" + gigabyte + "],\"data_offsets\":[" + gigabyte + ","
                + 2 * gigabyte + "]},\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[" + 2 * gigabyte + ","
                + (2 * gigabyte + 12) + "]}}";
        byte[] json = header.getBytes(StandardCharsets.US_ASCII);
        Path file = dir.resolve("big.safetensors");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            long data = 8 + json.length;
            sparse.setLength(data + 2 * gigabyte + 12); // sparse: the pads cost no disk
            sparse.write(ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(json.length)
                    .array());
            sparse.write(json);
            sparse.seek(data + 2 * gigabyte);
            sparse.write(ByteBuffer.allocate(12)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putFloat(1.5f)
                    .putFloat(-2f)
                    .putFloat(1e30f)
                    .array());
        }
        SafeTensorsFile big = SafeTensorsFile.open(file);
        assertArrayEquals(new long[] {gigabyte}, big.shape("pad.b"));
        assertEquals(new Tensor(new long[] {3}, new float[] {1.5f, -2f, 1e30f}), big.tensor("w"));
    }

    @Test
    void bfloat16IsWrittenToTheNearestValue() throws Exception {
        Map<String, Tensor> tensors = Map.of("b", new Tensor(new long[] {3}, new float[] {3f, 1.005859375f, -0.1f}));
        Tensor read = SafeTensors.read(SafeTensors.bytes(tensors, name -> DType.BF16), "b")
                .get("b");
        assertArrayEquals(new float[] {3f, 1.0078125f, -0.10009765625f}, read.values());
    }
}
