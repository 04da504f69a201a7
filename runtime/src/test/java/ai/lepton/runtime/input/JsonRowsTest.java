package ai.lepton.runtime.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.fuzz.MemoryUse;
import ai.lepton.runtime.json.NotJsonException;
import ai.lepton.runtime.json.Utf8;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows read from JSON as it arrives: bounded in nesting, rows and the memory a value costs, errors naming the line, row
 * and field.
 */
class JsonRowsTest {

    private static final Path FILE = Path.of("rows.jsonl");

    /** Numbers n and x, a category s, a flag b, a text z and a 1×2×2 image l. */
    private static final InputSchema SCHEMA = TestSchemas.classifying(
            TestSchemas.number("n"),
            TestSchemas.number("x"),
            new CategoryField("s", null, List.of("a", "b"), true, false),
            new CategoryField("b", null, List.of("true", "false"), true, false),
            new TextField("z"),
            new ImageField("l", 1, 2, 2));

    private static JsonRows.Body body(String text, int maxRows) throws IOException {
        return body(reader(text), maxRows);
    }

    private static JsonRows.Body body(Reader text, int maxRows) throws IOException {
        return JsonRows.body(text, SCHEMA, maxRows);
    }

    private static Reader reader(String text) {
        return Utf8.reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aBodyIsOneRowOrABatchWithJsonsTypesAsJavasOwn() throws IOException {
        JsonRows.Body one =
                body("{\"n\": 3, \"x\": 2.5, \"s\": \"a\", \"b\": true, \"z\": null, \"l\": [[0, 1], [0.5]]}", 10);
        assertEquals(false, one.batch());
        List<Object> values = new ArrayList<>(one.rows().getFirst().values());
        assertEquals(Arrays.asList(3L, 2.5, "a", true, null), values.subList(0, 5));
        assertArrayEquals(new float[] {0, 1, 0.5f}, (float[]) values.get(5), "an image's pixels, flattened");
        JsonRows.Body two = body("[{\"n\": 1}, {\"n\": 2}]", 10);
        assertEquals(true, two.batch());
        assertEquals(List.of(Map.of("n", 1L), Map.of("n", 2L)), two.rows());
    }

    @Test
    void aLabelledRowKeepsItsLabelBesideTheFieldsTheModelTakes() {
        assertEquals(
                List.of(Map.of("x", 1L, "label", "yes")),
                JsonRows.lines("{\"x\": 1, \"label\": \"yes\", \"note\": 2}", FILE, SCHEMA));
    }

    @Test
    void aHugeTextWhereANumberOrACategoryGoesIsQuotedByItsStartAndLength() {
        String huge = "y".repeat(5_000_000);
        for (Field field :
                List.of(TestSchemas.number("n"), new CategoryField("s", null, List.of("a", "b"), true, true))) {
            InputSchema one = TestSchemas.classifying(field);
            InputException refused = assertThrows(
                    InputException.class, () -> one.encode(Map.of(field.name(), huge), new float[one.width()], 0, 1));
            assertTrue(
                    refused.getMessage().length() < 400 && refused.getMessage().contains("(5000000 characters)"),
                    refused.getMessage()
                            .substring(0, Math.min(400, refused.getMessage().length())));
        }
    }

    @Test
    void fieldsTheModelDoesNotTakeAreSkippedUnread() throws IOException {
        JsonRows.Body body = body("[{\"x\": 1, \"note\": {\"deep\": [[[\"long text\"]]]}}]", 10);
        assertEquals(List.of(Map.of("x", 1L)), body.rows());
    }

    @Test
    void anObjectOrAnArrayWhereTheFieldTakesNeitherIsSkippedUnreadAndRefusedByTheField() throws IOException {
        String[] messages = {
            "field 'x' must be a number, but got a JSON object.",
            "field 'x' must be a number, but got a JSON array.",
            "field 's' must be text (one of a, b), but got a JSON array.",
            "field 'z' is text the model reads, but got a JSON object. Give it a string."
        };
        String[] rows = {"{\"x\": {\"k\": 1}}", "{\"x\": [1.5, 2]}", "{\"s\": [\"a\"]}", "{\"z\": {\"t\": \"a\"}}"};
        for (int i = 0; i < rows.length; i++) {
            Map<String, Object> row = new HashMap<>(Map.of("n", 0, "x", 0, "s", "a", "b", "true", "l", new float[4]));
            row.putAll(body(rows[i], 10).rows().getFirst());
            InputException error =
                    assertThrows(InputException.class, () -> SCHEMA.encode(row, new float[SCHEMA.width()], 0, -1));
            assertEquals(messages[i], error.getMessage());
        }
    }

    @Test
    void anEightMegabyteObjectOrArrayInAFieldCostsLittleMoreMemoryThanItsBytes() throws IOException {
        StringBuilder members = new StringBuilder("{\"x\": {");
        for (int i = 0; members.length() < 8 << 20; i++) {
            members.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        String object = members.append("}}").toString();
        String array = "{\"x\": [" + "0.5,".repeat(2 << 20) + "0.5]}";
        String pixels = "{\"l\": [" + "[],".repeat(2 << 20) + "[]]}";
        for (String text : List.of(object, array, pixels)) {
            Reader reader = reader(text);
            long before = MemoryUse.allocatedByThisThread();
            body(reader, 10);
            long allocated = MemoryUse.allocatedByThisThread() - before;
            assertTrue(allocated < 4 << 20, "reading " + text.substring(0, 12) + "… allocated " + allocated + " bytes");
        }
    }

    @Test
    void anImageOfMorePixelsThanTheModelReadsIsRefusedAtThePixelPastThem() {
        InputException error = assertThrows(
                InputException.class, () -> body("[{}, {\"l\": [[0, 1], [1, 0], [" + "0,".repeat(1000) + "]]}]", 10));
        assertEquals(
                "Row 1: field 'l' has more than 4 pixel values, but the model reads 1×2×2 (grey) = 4. Resize the"
                        + " image, or send the encoded file and let the model resize it.",
                error.getMessage());
        InputException notANumber = assertThrows(InputException.class, () -> body("{\"l\": [0, {\"r\": 1}]}", 10));
        assertEquals("field 'l': pixel values must be numbers, but got a JSON object.", notANumber.getMessage());
    }

    @Test
    void aBodyIsRefusedAtTheRowPastTheLimitBeforeTheRestIsRead() {
        TooManyRowsException error =
                assertThrows(TooManyRowsException.class, () -> body("[{}, {}, {}, {" + "x".repeat(1000), 3));
        assertEquals(3, error.maxRows());
    }

    @Test
    void aBodyNestedDeepIsNotJsonAndAnotherShapeIsNotRows() {
        String deep = "{\"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertEquals(
                "it nests deeper than 64 levels (line 1, column 71)",
                assertThrows(NotJsonException.class, () -> body(deep, 10)).getMessage());
        assertEquals(
                "The body is not rows: POST a JSON object (one row) or an array of objects.",
                assertThrows(InputException.class, () -> body("42", 10)).getMessage());
        assertEquals(
                "Row 1: every row in the array must be a JSON object of field to value.",
                assertThrows(InputException.class, () -> body("[{}, 42]", 10)).getMessage());
    }

    @Test
    void jsonLinesNestedDeepAreRefusedNamingTheLine() {
        String lines = "{\"x\": 1}\n\n{\"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}\n";
        InputException error = assertThrows(InputException.class, () -> JsonRows.lines(lines, FILE, SCHEMA));
        assertEquals(
                "rows.jsonl, line 3: not JSON (it nests deeper than 64 levels (line 1, column 71)).",
                error.getMessage());
        assertTrue(assertThrows(InputException.class, () -> JsonRows.lines("{\"x\": 1} {}", FILE, SCHEMA))
                .getMessage()
                .startsWith("rows.jsonl, line 1: not JSON (more follows the end of its value"));
    }
}
