package ai.lepton.runtime.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.runtime.json.NotJsonException;
import ai.lepton.runtime.json.Utf8;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Rows read from JSON as it arrives: bounded in nesting and rows, errors naming the line, row and field. */
class JsonRowsTest {

    private static final Path FILE = Path.of("rows.jsonl");

    private static JsonRows.Body body(String text, int maxRows) throws IOException {
        return JsonRows.body(
                Utf8.reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))), field -> true, maxRows);
    }

    @Test
    void aBodyIsOneRowOrABatchWithJsonsTypesAsJavasOwn() throws IOException {
        JsonRows.Body one = body(
                "{\"n\": 3, \"x\": 2.5, \"s\": \"a\", \"b\": true, \"z\": null, \"l\": [1, [2]], \"o\": {\"k\": 1}}",
                10);
        assertEquals(false, one.batch());
        assertEquals(
                Arrays.asList(3L, 2.5, "a", true, null, List.of(1L, List.of(2L)), "{\"k\":1}"),
                new ArrayList<>(one.rows().getFirst().values()));
        JsonRows.Body two = body("[{\"n\": 1}, {\"n\": 2}]", 10);
        assertEquals(true, two.batch());
        assertEquals(List.of(Map.of("n", 1L), Map.of("n", 2L)), two.rows());
    }

    @Test
    void fieldsTheReaderDoesNotWantAreSkippedUnread() throws IOException {
        String text = "[{\"x\": 1, \"note\": {\"deep\": [[[\"long text\"]]]}}]";
        JsonRows.Body body = JsonRows.body(
                Utf8.reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))), "x"::equals, 10);
        assertEquals(List.of(Map.of("x", 1L)), body.rows());
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
        InputException error = assertThrows(InputException.class, () -> JsonRows.lines(lines, FILE));
        assertEquals(
                "rows.jsonl, line 3: not JSON (it nests deeper than 64 levels (line 1, column 71)).",
                error.getMessage());
        assertTrue(assertThrows(InputException.class, () -> JsonRows.lines("{\"x\": 1} {}", FILE))
                .getMessage()
                .startsWith("rows.jsonl, line 1: not JSON (more follows the end of its value"));
    }
}
