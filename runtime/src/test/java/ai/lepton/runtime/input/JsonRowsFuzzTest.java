package ai.lepton.runtime.input;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import ai.lepton.runtime.json.NotJsonException;
import ai.lepton.runtime.json.NotUtf8Exception;
import ai.lepton.runtime.json.Utf8;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

/**
 * Thousands of seeded mutations of a valid request body and of a valid JSON Lines file (bits flipped, bytes inserted
 * and deleted, ranges cut and repeated, brackets nested thousands deep, bytes that are not UTF-8): each ends in rows
 * or in the reader's own refusal ({@link InputException}, {@link NotJsonException}, {@link NotUtf8Exception}), never
 * in another exception, an error, or a hang. A failing case prints its seed and number; rerun with
 * {@code -Dlepton.fuzz.seed=SEED}.
 */
class JsonRowsFuzzTest {

    private static final long SEED = Long.getLong("lepton.fuzz.seed", 20261207L);
    private static final int CASES = 3000;

    private static final String ROW_1 =
            "{\"x\": 1.5, \"y\": -2e3, \"color\": \"green\", \"note\": \"Adélie ✓ 🐧 \\\"q\\\" \\u00e9\","
                    + " \"pixels\": [[0, 255], [12, 7]], \"meta\": {\"a\": [1, {\"b\": null}]}, \"ok\": true}";
    private static final String ROW_2 = "{\"x\": 12345678901234567890, \"y\": null, \"color\": \"réd\", \"id\": 7}";
    private static final byte[] BODY = ("[" + ROW_1 + ",\n " + ROW_2 + "]").getBytes(StandardCharsets.UTF_8);
    private static final byte[] LINES = (ROW_1 + "\n\n" + ROW_2 + "\r\n").getBytes(StandardCharsets.UTF_8);

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

    @Test
    void seededMutationsOfABodyAndOfJsonLinesEndInRowsOrTheReadersOwnRefusal() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(SEED);
            for (int i = 0; i < CASES; i++) {
                byte[] body = mutate(BODY, random);
                check(i, body, () -> JsonRows.body(Utf8.reader(new ByteArrayInputStream(body)), field -> true, 5));
                byte[] lines = mutate(LINES, random);
                check(i, lines, () -> JsonRows.lines(Utf8.decode(lines), Path.of("rows.jsonl")));
            }
        });
    }

    @FunctionalInterface
    private interface Read {
        void run() throws Exception;
    }

    private static void check(int i, byte[] input, Read read) {
        try {
            read.run();
        } catch (InputException | NotJsonException | NotUtf8Exception refused) {
            // the reader's own refusal
        } catch (Throwable e) {
            fail(
                    "case " + i + " of seed " + SEED + " (rerun with -Dlepton.fuzz.seed=" + SEED + ") threw " + e
                            + " reading " + HexFormat.of().formatHex(input),
                    e);
        }
    }

    /** One to four mutations of {@code valid}. */
    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid;
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int at = random.nextInt(bytes.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bytes, 0, at);
            switch (random.nextInt(8)) {
                case 0 -> { // flip a bit
                    if (at < bytes.length) {
                        out.write(bytes[at] ^ (1 << random.nextInt(8)));
                        at++;
                    }
                }
                case 1 -> { // replace a byte
                    out.write(SPICE[random.nextInt(SPICE.length)]);
                    at = Math.min(bytes.length, at + 1);
                }
                case 2 -> out.write(SPICE[random.nextInt(SPICE.length)]); // insert one
                case 3 -> at = Math.min(bytes.length, at + random.nextInt(40)); // delete a range
                case 4 -> { // repeat a range
                    int length = Math.min(bytes.length - at, random.nextInt(60));
                    for (int copies = random.nextInt(20); copies >= 0; copies--) {
                        out.write(bytes, at, length);
                    }
                }
                case 5 -> { // nest deep
                    String open = random.nextBoolean() ? "[" : "{\"a\":";
                    out.writeBytes(open.repeat(1 + random.nextInt(3000)).getBytes(StandardCharsets.UTF_8));
                }
                case 6 -> { // end early
                    return out.toByteArray();
                }
                default -> { // a long number, string or escape
                    String[] runs = {"9", "\\u12", "1e9", "-", "\"", "é"};
                    out.writeBytes(runs[random.nextInt(runs.length)]
                            .repeat(1 + random.nextInt(500))
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            out.write(bytes, at, bytes.length - at);
            bytes = out.toByteArray();
        }
        return bytes;
    }
}
