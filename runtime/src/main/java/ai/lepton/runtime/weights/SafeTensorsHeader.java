package ai.lepton.runtime.weights;

import ai.lepton.runtime.weights.SafeTensors.DamagedException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A safetensors header, read and checked once, as the format describes it: a UTF-8 JSON object that maps each
 * tensor's name (no name twice) to its {@code dtype}, {@code shape} and {@code data_offsets}, plus an optional
 * {@code __metadata__} map of text to text. Each tensor's shape (whole numbers, not negative) times its dtype's width is
 * its range's length, with no overflow; the ranges, sorted, cover the data section exactly: no overlap, no hole, nothing
 * after the last. So no tensor's values cost more memory than the file's own bytes justify.
 */
final class SafeTensorsHeader {

    /** The longest header read: the limit of the format's reference implementation. */
    static final long MAX_LENGTH = 100L << 20;

    private static final String METADATA = "__metadata__";

    /**
     * Where one tensor's values are.
     *
     * @param begin where they start, counted from the start of the data section
     * @param end   one past where they end
     */
    record Entry(DType dtype, long[] shape, long begin, long end) {

        /** How many values: the shape's product. */
        long count() {
            return (end - begin) / dtype.width();
        }
    }

    private SafeTensorsHeader() {}

    /**
     * The tensors the header {@code json} describes, in its order, checked against a data section of {@code dataLength}
     * bytes; {@code source} names the file in the message of every defect found.
     */
    static Map<String, Entry> parse(byte[] json, long dataLength, String source) throws DamagedException {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString();
        } catch (CharacterCodingException e) {
            throw foreign(source, "its header is not UTF-8 text");
        }
        if (!text.startsWith("{")) {
            throw foreign(source, "its header does not start with '{'");
        }
        Map<String, Entry> entries;
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            entries = entries(reader, dataLength, source);
        } catch (DamagedException e) {
            throw e;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // the structure is checked token by token below; what is left is JSON that does not parse
            throw foreign(source, "its header is not JSON (" + problem(e) + ")");
        }
        checkCover(entries, dataLength, source);
        return entries;
    }

    private static Map<String, Entry> entries(JsonReader reader, long dataLength, String source) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        reader.beginObject();
        boolean metadata = false;
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (name.equals(METADATA)) {
                if (metadata) {
                    throw damaged(source, "its header gives " + METADATA + " twice");
                }
                metadata = true;
                skipMetadata(reader, source);
            } else if (entries.put(name, entry(reader, name, dataLength, source)) != null) {
                throw damaged(source, "its header gives tensor " + name + " twice");
            }
        }
        reader.endObject();
        reader.peek(); // strict: anything but spaces after the one object is malformed JSON
        return entries;
    }

    /** The format allows text to text only: reading it so keeps any nesting out. */
    private static void skipMetadata(JsonReader reader, String source) throws IOException {
        expect(reader, JsonToken.BEGIN_OBJECT, source, METADATA + " is not an object of texts");
        reader.beginObject();
        while (reader.hasNext()) {
            String key = reader.nextName();
            expect(reader, JsonToken.STRING, source, METADATA + "'s " + key + " is not a text");
            reader.nextString();
        }
        reader.endObject();
    }

    private static Entry entry(JsonReader reader, String name, long dataLength, String source) throws IOException {
        String tensor = "tensor " + name;
        expect(reader, JsonToken.BEGIN_OBJECT, source, tensor + " is not an object of dtype, shape and data_offsets");
        reader.beginObject();
        String dtypeName = null;
        long[] shape = null;
        long[] offsets = null;
        Set<String> fields = new HashSet<>();
        while (reader.hasNext()) {
            String field = reader.nextName();
            if (!fields.add(field)) {
                throw damaged(source, tensor + " gives " + field + " twice");
            }
            switch (field) {
                case "dtype" -> {
                    expect(reader, JsonToken.STRING, source, tensor + "'s dtype is not a text");
                    dtypeName = reader.nextString();
                }
                case "shape" -> shape = wholeNumbers(reader, source, tensor + "'s shape");
                case "data_offsets" -> offsets = wholeNumbers(reader, source, tensor + "'s data_offsets");
                default ->
                    throw damaged(
                            source,
                            tensor + " has a field '" + field
                                    + "'; a safetensors tensor has dtype, shape and data_offsets only");
            }
        }
        reader.endObject();
        if (dtypeName == null || shape == null || offsets == null) {
            throw damaged(
                    source,
                    tensor + " has no " + (dtypeName == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
        }
        String typeName = dtypeName;
        DType dtype = DType.named(dtypeName)
                .orElseThrow(() -> new DamagedException(source + ": " + tensor + " is " + typeName
                        + "; Lepton reads F32, F16, BF16 and I8 weights. Convert the file to one of them."));
        if (offsets.length != 2) {
            throw damaged(source, tensor + "'s data_offsets has " + offsets.length + " numbers, not [begin, end]");
        }
        long begin = offsets[0];
        long end = offsets[1];
        long bytes;
        try {
            bytes = Math.multiplyExact(Arrays.stream(shape).reduce(1, Math::multiplyExact), dtype.width());
        } catch (ArithmeticException e) {
            throw damaged(source, tensor + "'s shape " + Arrays.toString(shape) + " holds more values than any file");
        }
        if (begin > end || end > dataLength || end - begin != bytes) {
            throw damaged(
                    source,
                    tensor + " claims bytes " + begin + " to " + end + " for " + bytes / dtype.width() + " " + dtype
                            + " values (" + bytes + " bytes) of a data section of " + dataLength + " bytes");
        }
        return new Entry(dtype, shape, begin, end);
    }

    /** An array of whole numbers, none negative. */
    private static long[] wholeNumbers(JsonReader reader, String source, String what) throws IOException {
        expect(reader, JsonToken.BEGIN_ARRAY, source, what + " is not an array of whole numbers");
        reader.beginArray();
        List<Long> numbers = new ArrayList<>();
        while (reader.hasNext()) {
            expect(reader, JsonToken.NUMBER, source, what + " holds something other than a number");
            long number;
            try {
                number = reader.nextLong();
            } catch (NumberFormatException e) {
                throw damaged(source, what + " holds a number that is not a whole number of at most 19 digits");
            }
            if (number < 0) {
                throw damaged(source, what + " holds " + number + ", which is negative");
            }
            numbers.add(number);
        }
        reader.endArray();
        return numbers.stream().mapToLong(Long::longValue).toArray();
    }

    private static void expect(JsonReader reader, JsonToken token, String source, String otherwise) throws IOException {
        if (reader.peek() != token) {
            throw damaged(source, otherwise);
        }
    }

    /** The ranges, sorted, must follow each other from the data section's first byte to its last. */
    private static void checkCover(Map<String, Entry> entries, long dataLength, String source) throws DamagedException {
        List<Map.Entry<String, Entry>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort(Comparator.comparingLong(
                        (Map.Entry<String, Entry> entry) -> entry.getValue().begin())
                .thenComparingLong(entry -> entry.getValue().end()));
        long covered = 0;
        String previous = null;
        for (Map.Entry<String, Entry> entry : sorted) {
            Entry range = entry.getValue();
            if (range.begin() < covered) {
                throw damaged(
                        source,
                        "tensor " + entry.getKey() + "'s bytes " + range.begin() + " to " + range.end()
                                + " overlap tensor " + previous + "'s, which end at " + covered);
            }
            if (range.begin() > covered) {
                throw damaged(source, "bytes " + covered + " to " + range.begin() + " of its data belong to no tensor");
            }
            covered = range.end();
            previous = entry.getKey();
        }
        if (covered != dataLength) {
            throw damaged(source, "bytes " + covered + " to " + dataLength + " of its data belong to no tensor");
        }
    }

    /** Gson's message without its advice to parse leniently and its link: where the JSON went wrong. */
    private static String problem(Exception e) {
        return e.getMessage()
                .lines()
                .findFirst()
                .orElse("")
                .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed", "malformed");
    }

    static DamagedException damaged(String source, String what) {
        return new DamagedException(source + " is damaged: " + what + ". Save or download the file again.");
    }

    static DamagedException foreign(String source, String what) {
        return new DamagedException(source + " is not a safetensors file: " + what + ".");
    }
}
