package ai.lepton.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** JSON from outside: nesting bounded, and what is wrong said in a short phrase. */
class UntrustedJsonTest {

    private static String refusal(String text) {
        return assertThrows(NotJsonException.class, () -> UntrustedJson.parse(text))
                .getMessage();
    }

    @Test
    void textNestedFiveThousandDeepIsRefusedSayingHowDeepItMayGo() {
        assertEquals(
                "it nests deeper than 64 levels (line 1, column 66)", refusal("[".repeat(5000) + "]".repeat(5000)));
        assertEquals(
                "it nests deeper than 64 levels (line 1, column 322)",
                refusal("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)));
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        String deepest = "[".repeat(UntrustedJson.MAX_NESTING) + "]".repeat(UntrustedJson.MAX_NESTING);
        assertEquals(deepest, UntrustedJson.parse(deepest).toString());
    }

    @Test
    void malformedTextIsNamedInAPhraseWithoutGsonsPathOrLink() {
        assertEquals("unterminated object (line 1, column 10)", refusal("{\"a\": 1 2}"));
        assertEquals("it ends inside a value (line 1, column 7)", refusal("{\"a\": "));
        assertEquals("it is empty", refusal("  "));
        assertEquals("more follows the end of its value (line 1, column 5)", refusal("{} []"));
    }

    @Test
    void itReadsLenientlyAsGsonsParserAlwaysDid() {
        assertEquals(
                "{\"a\":\"NaN\",\"b\":\"x\"}",
                UntrustedJson.parse("{a: NaN, 'b': 'x'}").toString());
    }
}
