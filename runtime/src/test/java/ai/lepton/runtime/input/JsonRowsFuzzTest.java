package ai.lepton.runtime.input;

import ai.lepton.fuzz.ByteMutations;
import ai.lepton.fuzz.MutationFuzzer;
import ai.lepton.fuzz.MutationFuzzer.Mutant;
import ai.lepton.fuzz.MutationFuzzer.Mutation;
import ai.lepton.runtime.json.NotJsonException;
import ai.lepton.runtime.json.NotUtf8Exception;
import ai.lepton.runtime.json.Utf8;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Thousands of seeded mutations of a valid request body and of a valid JSON Lines file (one to four each: bits flipped,
 * bytes replaced, inserted and removed, ranges cut and repeated, brackets nested thousands deep, long numbers and
 * escapes, bytes that are not UTF-8): each ends in rows or in the reader's own refusal ({@link InputException},
 * {@link NotJsonException}, {@link NotUtf8Exception}), never in another exception, an error, a hang or memory out of
 * proportion to its size.
 */
class JsonRowsFuzzTest {

    private static final long SEED = 20261207L;
    private static final int CASES = 3000;

    private static final String ROW_1 =
            "{\"x\": 1.5, \"y\": -2e3, \"color\": \"green\", \"note\": \"Adélie ✓ 🐧 \\\"q\\\" \\u00e9\","
                    + " \"pixels\": [[0, 255], [12, 7]], \"meta\": {\"a\": [1, {\"b\": null}]}, \"ok\": true}";
    private static final String ROW_2 = "{\"x\": 12345678901234567890, \"y\": null, \"color\": \"réd\", \"id\": 7}";
    private static final byte[] BODY = ("[" + ROW_1 + ",\n " + ROW_2 + "]").getBytes(StandardCharsets.UTF_8);
    private static final byte[] LINES = (ROW_1 + "\n\n" + ROW_2 + "\r\n").getBytes(StandardCharsets.UTF_8);

    /** The rows' fields but id and ok: meta a number, so its object is skipped unread; pixels a 1×2×2 image. */
    private static final InputSchema SCHEMA = TestSchemas.classifying(
            TestSchemas.number("x"),
            TestSchemas.number("y"),
            new CategoryField("color", null, List.of("green", "réd"), true, false),
            new TextField("note"),
            new ImageField("pixels", 1, 2, 2),
            TestSchemas.number("meta"));

    /** Bytes a mutation inserts: JSON's punctuation, escapes, and bytes that are not (or only begin) UTF-8. */
    private static final byte[] SPICE = {
        '{',
        '}',
        '[',
        ']',
        '"',
        '\\',
        ',',
        ':',
        '0',
        '-',
        '.',
        'e',
        'n',
        'u',
        ' ',
        '\n',
        0,
        (byte) 0xff,
        (byte) 0xc3,
        (byte) 0x80,
        (byte) 0xed,
        (byte) 0xa0,
        (byte) 0xf0
    };

    /** Runs a mutation inserts, up to 500 times over: a long number, an unfinished escape, a string's quote. */
    private static final String[] RUNS = {"9", "\\u12", "1e9", "-", "\"", "é"};

    /** Damage aimed at JSON and UTF-8: punctuation, nesting, runs of digits, escapes and multi-byte characters. */
    private static final List<Mutation> JSON = List.of(
            (valid, random) -> {
                byte[] bytes = valid.clone();
                int at = random.nextInt(bytes.length);
                bytes[at] = SPICE[random.nextInt(SPICE.length)];
                return new Mutant(
                        bytes, "byte " + at + " replaced by " + HexFormat.of().toHexDigits(bytes[at]));
            },
            (valid, random) -> {
                byte[] spice = {SPICE[random.nextInt(SPICE.length)]};
                return ByteMutations.insertedAnywhere(
                        valid, random, spice, HexFormat.of().formatHex(spice));
            },
            (valid, random) -> {
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                int depth = 1 + random.nextInt(3000);
                return ByteMutations.insertedAnywhere(
                        valid, random, open.repeat(depth).getBytes(StandardCharsets.UTF_8), depth + " times " + open);
            },
            (valid, random) -> {
                String run = RUNS[random.nextInt(RUNS.length)];
                int times = 1 + random.nextInt(500);
                return ByteMutations.insertedAnywhere(
                        valid, random, run.repeat(times).getBytes(StandardCharsets.UTF_8), times + " times " + run);
            });

    @Test
    void seededMutationsOfARequestBodyEndInRowsOrTheReadersOwnRefusal() {
        fuzzer(SEED)
                .addInput("a request body", BODY)
                .run(body -> JsonRows.body(Utf8.reader(new ByteArrayInputStream(body)), SCHEMA, 5));
    }

    @Test
    void seededMutationsOfJsonLinesEndInRowsOrTheReadersOwnRefusal() {
        fuzzer(SEED + 1)
                .addInput("a JSON Lines file", LINES)
                .run(lines -> JsonRows.lines(Utf8.decode(lines), Path.of("rows.jsonl"), SCHEMA));
    }

    private static MutationFuzzer fuzzer(long seed) {
        return MutationFuzzer.of(seed, CASES)
                .addMutations(JSON)
                .optMutationsPerCase(4)
                .setExpected(InputException.class, NotJsonException.class, NotUtf8Exception.class)
                .optTimeout(Duration.ofSeconds(30));
    }
}
