package ai.lepton.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

class MagicArgsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a b  c|a,b,c",
                "'one two' three|one two,three",
                "\"say \\\"hi\\\"\" x|say \"hi\",x",
                "path\\ with\\ spaces|path with spaces",
                "--sep ','|--sep,','"
            })
    void splitsLikeAShell(String line, String expected) {
        List<String> want = expected.equals("--sep,','") ? List.of("--sep", ",") : List.of(expected.split(","));
        assertEquals(want, MagicArgs.split(line));
    }

    @Test
    void emptyQuotesAreAnEmptyWord() {
        assertEquals(List.of("a", "", "b"), MagicArgs.split("a '' b"));
    }

    @Test
    void anUnbalancedQuoteSaysSo() {
        MagicException error = assertThrows(MagicException.class, () -> MagicArgs.split("x 'open"));
        assertTrue(error.getMessage().contains("Unbalanced ' quote"), error.getMessage());
    }
}
