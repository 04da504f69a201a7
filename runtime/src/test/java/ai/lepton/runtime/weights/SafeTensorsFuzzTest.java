package ai.lepton.runtime.weights;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.fuzz.ByteMutations;
import ai.lepton.fuzz.MutationFuzzer;
import ai.lepton.fuzz.MutationFuzzer.Mutant;
import ai.lepton.fuzz.MutationFuzzer.Mutation;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Thousands of damaged safetensors files, made from a small valid one: each reads, or is refused as damaged, in bounded
 * time and memory. Its failures print the seed and the mutation.
 */
class SafeTensorsFuzzTest {

    private static final long SEED = 20_240_529;
    private static final Pattern NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern TEXT = Pattern.compile("\"[^\"]*\"");
    private static final String[] NUMBERS = {
        "-1",
        "0",
        "1.5",
        "1e400",
        "2147483648",
        "4611686018427387905",
        "9223372036854775807",
        "18446744073709551616",
        "[]"
    };
    private static final String[] TEXTS = {"\"F64\"", "\"BF16\"", "\"I8\"", "\"dtype\"", "\"__metadata__\"", "5", "{}"};

    /** Damage to the JSON header, which is then stored with its new length, and tensors made to share bytes. */
    private static final List<Mutation> HEADER = List.of(
            (valid, random) -> replaceOne(valid, random, NUMBER, NUMBERS),
            (valid, random) -> replaceOne(valid, random, TEXT, TEXTS),
            (valid, random) -> {
                String json = header(valid);
                int at = random.nextInt(json.length());
                int length = 1 + random.nextInt(Math.min(20, json.length() - at));
                return withHeader(
                        valid,
                        json.substring(0, at) + json.substring(at + length),
                        "header characters " + at + " to " + (at + length) + " removed");
            },
            (valid, random) -> {
                String json = header(valid);
                int at = random.nextInt(json.length() + 1);
                String nesting = (random.nextBoolean() ? "[" : "{\"a\":").repeat(1 + random.nextInt(20_000));
                return withHeader(
                        valid,
                        json.substring(0, at) + nesting + json.substring(at),
                        nesting.length() + " characters of nesting inserted at " + at);
            },
            (valid, random) -> {
                String json = header(valid);
                int from = random.nextInt(json.length());
                int to = from + random.nextInt(json.length() - from + 1);
                int at = random.nextInt(json.length() + 1);
                return withHeader(
                        valid,
                        json.substring(0, at) + json.substring(from, to) + json.substring(at),
                        "header characters " + from + " to " + to + " repeated at " + at);
            },
            SafeTensorsFuzzTest::sharing);

    private static Map<String, Tensor> weights() {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put(
                "dense.weight", new Tensor(new long[] {3, 4}, new float[] {1, -2, 3, -4, 5, 6, 7, 8, 9, 10, 11, 12}));
        weights.put("dense.bias", new Tensor(new long[] {3}, new float[] {0.5f, -0.25f, 2}));
        weights.put("empty", new Tensor(new long[] {0, 2}, new float[0]));
        return weights;
    }

    @Test
    void damagedFilesReadOrAreRefusedAsDamagedInBoundedTimeAndMemory(@TempDir Path dir) {
        Path file = dir.resolve("fuzz.safetensors");
        fuzzer(SEED, 3000)
                .addInput("three float tensors", SafeTensors.bytes(weights(), name -> DType.F32))
                .run(bytes -> {
                    assertReadsNoMoreThanItStores(SafeTensors.read(bytes, "fuzz"), bytes);
                    if (bytes.length % 16 == 0) { // now and then from a file: the same checks, another origin
                        Files.write(file, bytes);
                        SafeTensors.read(file);
                    }
                });
    }

    @Test
    void damagedQuantizedWeightsUnpackOrAreRefusedAsDamaged() {
        fuzzer(SEED + 1, 2000)
                .addInput("three int8 tensors", Quantization.pack(weights(), Precision.INT8))
                .run(bytes -> Quantization.unpack(bytes, "fuzz"));
    }

    private static MutationFuzzer fuzzer(long seed, int cases) {
        return MutationFuzzer.of(seed, cases)
                .addMutations(HEADER)
                .addMutations(HEADER) // the header decides every allocation: damage it as often as the bytes
                .setExpected(SafeTensors.DamagedException.class);
    }

    /** Every tensor here is F32: tensors sharing bytes would read as more values than the file stores. */
    private static void assertReadsNoMoreThanItStores(Map<String, Tensor> tensors, byte[] file) {
        long stored = file.length - 8L - headerLength(file);
        long read = 4L
                * tensors.values().stream()
                        .mapToLong(tensor -> tensor.values().length)
                        .sum();
        assertTrue(read <= stored, () -> "the tensors read " + read + " bytes of values from " + stored + " stored");
    }

    /**
     * An attacker's amplification: one tensor's own bytes taken out of the data section and its range moved onto
     * another's start, so that two tensors read the same bytes, every range still inside the data.
     */
    private static Mutant sharing(byte[] valid, Random random) {
        JsonObject header = JsonParser.parseString(header(valid)).getAsJsonObject();
        List<String> stored = header.keySet().stream()
                .filter(name -> offset(header, name, 1) > offset(header, name, 0))
                .collect(Collectors.toCollection(ArrayList::new));
        String moved = stored.remove(random.nextInt(stored.size()));
        String onto = stored.get(random.nextInt(stored.size()));
        long begin = offset(header, moved, 0);
        long size = offset(header, moved, 1) - begin;
        for (String name : header.keySet()) {
            if (offset(header, name, 0) >= begin + size) { // the tensors after it follow its bytes down
                setOffset(header, name, 0, offset(header, name, 0) - size);
                setOffset(header, name, 1, offset(header, name, 1) - size);
            }
        }
        long at = offset(header, onto, 0);
        setOffset(header, moved, 0, at);
        setOffset(header, moved, 1, at + size);
        int data = 8 + headerLength(valid);
        return withHeader(
                ByteMutations.splice(valid, data + (int) begin, (int) size, new byte[0]),
                header.toString(),
                moved + "'s bytes taken out and its range moved onto " + onto + "'s start, " + at);
    }

    private static long offset(JsonObject header, String tensor, int i) {
        return header.getAsJsonObject(tensor)
                .getAsJsonArray("data_offsets")
                .get(i)
                .getAsLong();
    }

    private static void setOffset(JsonObject header, String tensor, int i, long value) {
        header.getAsJsonObject(tensor).getAsJsonArray("data_offsets").set(i, new JsonPrimitive(value));
    }

    private static int headerLength(byte[] file) {
        return (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    private static String header(byte[] file) {
        return new String(file, 8, headerLength(file), StandardCharsets.UTF_8);
    }

    private static Mutant replaceOne(byte[] valid, Random random, Pattern token, String[] replacements) {
        String json = header(valid);
        List<int[]> found = new ArrayList<>();
        Matcher matcher = token.matcher(json);
        while (matcher.find()) {
            found.add(new int[] {matcher.start(), matcher.end()});
        }
        int[] range = found.get(random.nextInt(found.size()));
        String replacement = replacements[random.nextInt(replacements.length)];
        return withHeader(
                valid,
                json.substring(0, range[0]) + replacement + json.substring(range[1]),
                "header's " + json.substring(range[0], range[1]) + " at " + range[0] + " replaced by " + replacement);
    }

    /** {@code valid} with its header replaced by {@code json}, its length field updated. */
    private static Mutant withHeader(byte[] valid, String json, String description) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = ByteMutations.splice(valid, 8, headerLength(valid), header);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
        return new Mutant(bytes, description);
    }
}
