package ai.lepton.train.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.runtime.weights.Tensor;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The ONNX reader: a tiny export reads back, and damaged bytes are refused, naming the file, never looping or leaking. */
class OnnxModelTest {

    private static OnnxModel read(byte[] bytes) {
        return OnnxModel.read(ByteBuffer.wrap(bytes), "tiny.onnx");
    }

    private static String refusal(byte[] bytes) {
        String message = assertTimeoutPreemptively(
                        Duration.ofSeconds(20), () -> assertThrows(PretrainedException.class, () -> read(bytes)))
                .getMessage();
        assertTrue(message.startsWith("tiny.onnx is not an ONNX model"), message);
        return message;
    }

    @Test
    void aTinyExportReadsBackAsTheEncodersNamedTensors() {
        OnnxModel model = read(TinyOnnx.model());
        assertEquals(
                List.of("MatMul", "Add"),
                model.nodes().stream().map(OnnxModel.Node::operator).toList());
        assertEquals(
                List.of(TinyOnnx.WEIGHT, TinyOnnx.BIAS),
                List.copyOf(model.initializers().keySet()),
                "int64 left out");
        Map<String, Tensor> tensors = OnnxBertImport.tensors(model, "tiny.onnx");
        Tensor weight = tensors.get("encoder.layer.0.attention.self.query.weight");
        assertArrayEquals(new long[] {3, 2}, weight.shape(), "PyTorch's [out, in]");
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, weight.values());
        assertEquals(new Tensor(new long[] {3}, TinyOnnx.BIAS_VALUES), tensors.get(TinyOnnx.BIAS));
    }

    @Test
    void aNegativeLengthIsRefusedInsteadOfReadingBackwardsForever() {
        byte[] eleven = HexFormat.of().parseHex("0af5ffffffffffffffff01"); // field 1, length -11: back to byte 0
        assertEquals(11, eleven.length);
        assertTrue(
                refusal(eleven).contains("at byte 11 it has a length of 18446744073709551605 bytes where 0 are left"));
    }

    @Test
    void everyTruncationIsRefusedNamingTheFileAndTheByte() {
        byte[] model = TinyOnnx.model();
        for (int length = 3; length < model.length; length++) { // bytes 0 and 1 are a whole field: ir_version
            String message = refusal(Arrays.copyOf(model, length));
            assertTrue(message.matches("tiny\\.onnx is not an ONNX model.*at byte \\d+ it has .*"), message);
        }
        assertTrue(refusal(Arrays.copyOf(model, 6)).contains("at byte 5 it has a length of"));
    }

    @Test
    void aDefectInsidePackedNumbersOrANestedMessageNamesItsOwnByte() {
        // field 1, 2 bytes of packed numbers at byte 2: 0x05, then a number cut off by the end at byte 4
        ProtoReader packed = new ProtoReader(ByteBuffer.wrap(HexFormat.of().parseHex("0a020580")), "packed.onnx");
        packed.next();
        String numbers = assertThrows(PretrainedException.class, () -> packed.numbers(number -> {}))
                .getMessage();
        assertTrue(numbers.contains("at byte 4 it has a number cut off by the end of its message"), numbers);
        // field 1, a 2-byte message at byte 2 holding field 1 (a number) cut off by the end at byte 4
        ProtoReader outer = new ProtoReader(ByteBuffer.wrap(HexFormat.of().parseHex("0a020880")), "nested.onnx");
        outer.next();
        ProtoReader inner = outer.message();
        inner.next();
        String nested = assertThrows(PretrainedException.class, inner::number).getMessage();
        assertTrue(nested.contains("at byte 4 it has a number cut off by the end of its message"), nested);
    }

    @Test
    void aVarintOfElevenBytesIsRefused() {
        byte[] bytes = HexFormat.of().parseHex("08ffffffffffffffffffff01");
        assertTrue(refusal(bytes).contains("a number longer than 10 bytes"));
    }

    @Test
    void aValueOfAnotherWireTypeIsRefused() {
        byte[] fixed = new TinyOnnx.Proto()
                .message(7, new TinyOnnx.Proto().message(1, new TinyOnnx.Proto().number(4, 5)))
                .toByteArray();
        assertTrue(refusal(fixed).contains("field 4 of wire type 0 where bytes belong"));
    }

    @Test
    void anInitializerWhoseDimsDoNotHoldItsValuesIsRefusedNamingIt() {
        byte[] huge = new TinyOnnx.Proto()
                .message(
                        7,
                        new TinyOnnx.Proto()
                                .message(
                                        5,
                                        new TinyOnnx.Proto()
                                                .number(1, 1L << 62)
                                                .number(1, 8)
                                                .number(2, 1)
                                                .text(8, "w")
                                                .bytes(9, new byte[8])))
                .toByteArray();
        assertTrue(
                refusal(huge).contains("a float initializer w of dims [4611686018427387904, 8], which no file holds"));
        byte[] short_ = new TinyOnnx.Proto()
                .message(
                        7,
                        new TinyOnnx.Proto()
                                .message(
                                        5,
                                        new TinyOnnx.Proto()
                                                .number(1, 3)
                                                .number(2, 1)
                                                .text(8, "w")
                                                .bytes(9, new byte[8])))
                .toByteArray();
        assertTrue(refusal(short_).contains("a float initializer w of dims [3] (3 floats) with 8 bytes of values"));
    }

    @Test
    void messagesNestedBeyondTheLimitAreRefused() {
        TinyOnnx.Proto nested = new TinyOnnx.Proto().number(1, 1);
        for (int i = 0; i < 40; i++) {
            nested = new TinyOnnx.Proto().message(1, nested);
        }
        ProtoReader reader = new ProtoReader(ByteBuffer.wrap(nested.toByteArray()), "deep.onnx");
        String message =
                assertThrows(PretrainedException.class, () -> descend(reader)).getMessage();
        assertTrue(message.startsWith("deep.onnx is not an ONNX model Lepton can read: at byte"), message);
        assertTrue(message.contains("messages nested more than " + ProtoReader.MAX_DEPTH + " deep"), message);
    }

    private static void descend(ProtoReader reader) {
        while (reader.next()) {
            if (reader.delimited()) {
                descend(reader.message());
            } else {
                reader.skip();
            }
        }
    }
}
