package ai.lepton.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.lepton.fuzz.MutationFuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

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
    void cuttingTextsBeforeTokenizingNeverChangesTheIdsTheModelReads(@TempDir Path dir) throws Exception {
        long seed = MutationFuzzer.seed(20261207L);
        Random random = new Random(seed);
        Path file = tokenizerJson(dir);
        try (TextTokenizer tokenizer = TextTokenizer.open(file, 16);
                HuggingFaceTokenizer whole = uncut(file)) {
            int cut = 0;
            for (int i = 0; i < 400; i++) {
                String text = randomText(random);
                Encoding expected = whole.encode(text);
                TextTokenizer.Tokens tokens = tokenizer.encode(List.of(text)).getFirst();
                String which = "text " + i + " of seed " + seed + ": "
                        + text.codePoints()
                                .mapToObj(c -> c < 0x20 || c > 0x7e ? "\\u%04x".formatted(c) : Character.toString(c))
                                .collect(Collectors.joining());
                assertArrayEquals(expected.getIds(), tokens.ids(), which);
                assertEquals(expected.exceedMaxLength(), tokens.truncated(), which);
                cut += TextTokenizer.usable(text, 16, 18).length() < text.length() ? 1 : 0;
            }
            assertTrue(cut > 100, "most texts were long enough to cut: " + cut);
        }
    }

    @Test
    void theControlCharactersJavaCallsWhitespaceButBertDropsDoNotEndAWord(@TempDir Path dir) throws Exception {
        Path file = tokenizerJson(dir);
        try (TextTokenizer tokenizer = TextTokenizer.open(file, 16);
                HuggingFaceTokenizer whole = uncut(file)) {
            for (String dropped : List.of("\u000b", "\f", "\u001c", "\u001f")) {
                String text = ("a" + dropped + "b ").repeat(20); // "ab" to BERT: one token a word, not two words
                assertArrayEquals(
                        whole.encode(text).getIds(),
                        tokenizer.encode(List.of(text)).getFirst().ids(),
                        "words joined by U+%04X".formatted(dropped.codePointAt(0)));
            }
        }
    }

    /** The tokenizer in {@code file} with the same settings as {@link TextTokenizer}'s, but reading whole texts. */
    private static HuggingFaceTokenizer uncut(Path file) throws Exception {
        return HuggingFaceTokenizer.builder()
                .optTokenizerPath(file)
                .optAddSpecialTokens(true)
                .optTruncation(true)
                .optMaxLength(16)
                .optPadding(false)
                .build();
    }

    @Test
    void aFiveMegabyteTextIsCutToItsFirstMaxLengthWordsOrWithoutSpacesToTwiceWhatTheyCanSpell() {
        assertEquals("word ".repeat(16).strip(), TextTokenizer.usable("word ".repeat(1_000_000), 16, 18));
        assertEquals(
                2 * 16 * 18,
                TextTokenizer.usable("x,".repeat(2_500_000), 16, 18).length());
        String controls = "\u0000\t\n".repeat(100_000) + " hello";
        assertEquals(controls, TextTokenizer.usable(controls, 16, 18), "characters no token spells are not counted");
    }

    @Test
    void wordsBetweenTabsOrLineBreaksAreCutAfterMaxLengthWordsAsBetweenSpaces() {
        for (String separator : List.of("\n", "\t", "\r\n", "\u2028", "\u3000")) {
            assertEquals(
                    String.join(separator, Collections.nCopies(16, "word")),
                    TextTokenizer.usable(("word" + separator).repeat(1_000_000), 16, 18),
                    "words between "
                            + separator
                                    .codePoints()
                                    .mapToObj("U+%04X"::formatted)
                                    .toList());
        }
    }

    @Test
    void aTextForATokenizerListingNoVocabularyIsCutAtAHundredCharactersATokenOfMaxLength() {
        assertEquals(1600, TextTokenizer.usable("x".repeat(5_000_000), 16, 0).length());
        assertEquals(
                16 * 5 - 1,
                TextTokenizer.usable("word ".repeat(1_000_000), 16, 0).length());
    }

    /**
     * Words, punctuation, numbers, accents, CJK, emoji and control characters, between spaces, tabs, line breaks, and
     * the control characters Java calls whitespace but BERT drops (vertical tab, form feed, U+001C).
     */
    private static String randomText(Random random) {
        String[] pieces = {
            "the",
            "penguin",
            "Adélie",
            "naïve",
            "música",
            "東京",
            "café",
            "Hello,",
            "world!",
            "e-mail",
            "1234",
            "3.14",
            "U.S.A.",
            "don't",
            "🐧",
            "x\u0301",
            "\u0000",
            "\u200b",
            "\ufffd",
            "ʰ",
            "°C",
            "€5",
            "ǅ",
            "İstanbul",
            "ﬁ",
            "(a)",
            "\"quoted\"",
            "...",
            "#tag",
            "@you"
        };
        String[] separators = {
            " ", " ", " ", "  ", "\t", "\n", "\r\n", " \n\t", "\u00a0", "\u3000", "\u2028", "\u000b", "\f", "\u001c",
            "\u0085", ""
        };
        StringBuilder text = new StringBuilder();
        int count = random.nextInt(60);
        for (int i = 0; i < count; i++) {
            if (random.nextInt(20) == 0) { // a long word, on its own: WordPiece splits it into many pieces
                text.append(' ');
                for (int letters = 13 + random.nextInt(88); letters > 0; letters--) {
                    text.append((char) ('a' + random.nextInt(26)));
                }
                text.append(' ');
            } else {
                text.append(pieces[random.nextInt(pieces.length)])
                        .append(separators[random.nextInt(separators.length)]);
            }
        }
        return text.toString();
    }

    @Test
    void aFileThatIsNotATokenizerIsRefused(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": 3}");
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> TextTokenizer.open(broken, 16));
        assertTrue(error.getMessage().contains("is not a tokenizer Lepton can read"), error.getMessage());
    }
}
