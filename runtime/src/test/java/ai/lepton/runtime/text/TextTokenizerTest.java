package ai.lepton.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** all-MiniLM-L6-v2's own tokenizer.json, read offline. */
class TextTokenizerTest {

    private static Path tokenizerJson(Path dir) throws Exception {
        Path file = dir.resolve("tokenizer.json");
        try (InputStream in =
                TextTokenizerTest.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void textsBecomeTheModelsWordPiecesWithItsSpecialTokensAndNoPadding(@TempDir Path dir) throws Exception {
        try (TextTokenizer tokenizer = TextTokenizer.open(tokenizerJson(dir), 16)) {
            List<TextTokenizer.Tokens> tokens = tokenizer.encode(Arrays.asList("Hello, World!", "", null));
            assertArrayEquals(
                    new long[] {101, 7592, 1010, 2088, 999, 102}, tokens.get(0).ids(), "lower-cased word pieces");
            assertArrayEquals(new long[] {101, 102}, tokens.get(1).ids(), "an empty text is its special tokens");
            assertArrayEquals(new long[] {101, 102}, tokens.get(2).ids(), "a missing text reads as empty");
            assertFalse(tokens.get(0).truncated());
        }
    }

    @Test
    void aLongTextIsCutToMaxLengthAndSaysSo(@TempDir Path dir) throws Exception {
        try (TextTokenizer tokenizer = TextTokenizer.open(tokenizerJson(dir), 8)) {
            TextTokenizer.Tokens tokens = tokenizer
                    .encode(List.of("one two three four five six seven eight nine ten"))
                    .getFirst();
            assertEquals(8, tokens.ids().length);
            assertEquals(102, tokens.ids()[7], "the cut text still ends with [SEP]");
            assertTrue(tokens.truncated());
        }
    }

    @Test
    void aFileThatIsNotATokenizerIsRefused(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": 3}");
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> TextTokenizer.open(broken, 16));
        assertTrue(error.getMessage().contains("is not a tokenizer Lepton can read"), error.getMessage());
    }
}
