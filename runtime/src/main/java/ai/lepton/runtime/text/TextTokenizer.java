package ai.lepton.runtime.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.lepton.runtime.json.UntrustedJson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's {@code tokenizer.json} read by Hugging Face's own tokenizer (through DJL, natives inside its jar), fully
 * offline and with every setting explicit: special tokens added, truncation to {@code maxLength} word pieces, no
 * padding (batches pad to their own longest text). Training and the runtime tokenize through this one class, so both
 * see the same ids.
 *
 * <p>A text is first cut to what {@code maxLength} word pieces can cover ({@link #usable}), so that a 5 MB text costs
 * what its first few hundred words do, not seconds of tokenizing that truncation then throws away; whatever separates
 * its words, and whether or not the file lists its vocabulary.
 */
public final class TextTokenizer implements AutoCloseable {

    static {
        // DJL's tokenizer asks a metadata address for its natives unless it is offline; set before the first is built
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /**
     * The most characters a token is taken to spell when the tokenizer file lists no vocabulary to measure: a text is
     * then cut at {@code maxLength × 100} of them, however long its tokens are.
     */
    static final int UNLISTED_TOKEN_LENGTH = 50;

    /** One text as word-piece ids, and whether it was cut to fit. */
    public record Tokens(long[] ids, boolean truncated) {}

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    /** The most characters one token of the vocabulary spells; 0 when the file does not say. */
    private final int longestToken;

    private final String separator;
    private final long padId;

    private TextTokenizer(
            HuggingFaceTokenizer tokenizer, int maxLength, int longestToken, String separator, long padId) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.longestToken = longestToken;
        this.separator = separator;
        this.padId = padId;
    }

    /** The tokenizer in {@code file} (a {@code tokenizer.json}), cutting texts to {@code maxLength} word pieces. */
    public static TextTokenizer open(Path file, int maxLength) {
        if (maxLength < 3) {
            throw new IllegalArgumentException(
                    "max_length " + maxLength + " leaves no room for text beside the special tokens");
        }
        try {
            JsonObject json = UntrustedJson.parse(Files.readString(file)).getAsJsonObject();
            return new TextTokenizer(
                    HuggingFaceTokenizer.builder()
                            .optTokenizerPath(file)
                            .optAddSpecialTokens(true)
                            .optTruncation(true)
                            .optMaxLength(maxLength)
                            .optPadding(false)
                            .build(),
                    maxLength,
                    longestToken(json),
                    separator(json),
                    padId(json));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    file + " is not a tokenizer Lepton can read (" + e.getMessage()
                            + "). It must be a Hugging Face tokenizer.json.",
                    e);
        }
    }

    /**
     * The separator token's id the post-processor ends a text with ({@code [SEP]} for BERT, {@code </s>} for RoBERTa):
     * what separates the texts of several columns joined into one.
     */
    private static String separator(JsonObject json) {
        JsonElement processor = json.get("post_processor");
        if (processor == null || !processor.isJsonObject()) {
            return "|";
        }
        JsonObject post = processor.getAsJsonObject();
        if (post.has("sep")) { // BertProcessing, RobertaProcessing: ["[SEP]", 102]
            return post.getAsJsonArray("sep").get(0).getAsString();
        }
        String last = "|";
        if (post.has("single")) { // TemplateProcessing: the last special token of a single text
            for (JsonElement piece : post.getAsJsonArray("single")) {
                JsonObject special = piece.getAsJsonObject().getAsJsonObject("SpecialToken");
                if (special != null) {
                    last = special.get("id").getAsString();
                }
            }
        }
        return last;
    }

    /** The id padding takes: the file's own padding id, else 0 (the attention mask hides it either way). */
    private static long padId(JsonObject json) {
        JsonElement padding = json.get("padding");
        return padding != null
                        && padding.isJsonObject()
                        && padding.getAsJsonObject().has("pad_id")
                ? padding.getAsJsonObject().get("pad_id").getAsLong()
                : 0;
    }

    public int maxLength() {
        return maxLength;
    }

    /** The token that separates several texts joined into one ({@code [SEP]} for BERT). */
    public String separator() {
        return separator;
    }

    /** The token id that pads a batch's shorter texts. */
    public long padId() {
        return padId;
    }

    /** A row's texts (one per text column) as one text: joined by {@link #separator}, as BERT reads a pair of sentences. */
    public String join(List<String> texts) {
        return join(texts, separator);
    }

    /** {@code texts} joined by {@code separator} with a space either side. */
    public static String join(List<String> texts, String separator) {
        return String.join(" " + separator + " ", texts);
    }

    /**
     * The word-piece ids of each text, special tokens included; a null text is read as an empty one. A text cut before
     * tokenizing ({@link #usable}) is marked truncated, as one the tokenizer cut is.
     */
    public List<Tokens> encode(List<String> texts) {
        List<String> usable = texts.stream()
                .map(text -> text == null ? "" : usable(text, maxLength, longestToken))
                .toList();
        Encoding[] encodings = tokenizer.batchEncode(usable);
        List<Tokens> tokens = new ArrayList<>(encodings.length);
        for (int i = 0; i < encodings.length; i++) {
            boolean cut = texts.get(i) != null
                    && usable.get(i).length() < texts.get(i).length();
            tokens.add(new Tokens(encodings[i].getIds(), encodings[i].exceedMaxLength() || cut));
        }
        return tokens;
    }

    /**
     * The start of {@code text} that holds every word piece {@code maxLength} of them can cover, in one pass over at
     * most that start. Two cuts, whichever comes first:
     *
     * <ul>
     *   <li>After {@code maxLength} words, at the whitespace that ends the last ({@link #separates}). A word here is a
     *       run of characters between whitespace holding a letter, digit, punctuation mark or symbol: every tokenizer
     *       Lepton reads (WordPiece, byte-level BPE, SentencePiece) makes at least one token of such a word, and none
     *       makes a token across whitespace; so the text had more than {@code maxLength} tokens, and its first
     *       {@code maxLength} are the same with the rest cut off. This cut can never change what the model reads.
     *   <li>After {@code 2 × maxLength × longestToken} of those characters (whitespace, control characters and
     *       accents uncounted), wherever it falls, for a text without whitespace to cut at. No token spells more than
     *       {@code longestToken} of them, so the first {@code maxLength} tokens lie well inside; except when the
     *       tokenizer reads a whole word as one unknown token (WordPiece does for a word over
     *       {@code max_input_chars_per_word}, 100 characters, or with a character its vocabulary lacks): a text of a
     *       few such long words may lose words the model would have read as unknown tokens. That is the price of
     *       bounding a text without whitespace, and the factor 2 keeps it to texts that are mostly such words. A
     *       tokenizer that lists no vocabulary to measure ({@code longestToken} 0) is taken to spell at most
     *       {@link #UNLISTED_TOKEN_LENGTH} characters a token: {@code maxLength × 100} characters in all.
     * </ul>
     */
    static String usable(String text, int maxLength, int longestToken) {
        long ceiling = 2L * maxLength * (longestToken == 0 ? UNLISTED_TOKEN_LENGTH : longestToken);
        int words = 0;
        long counted = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (separates(c)) {
                if (inWord && ++words == maxLength) {
                    return text.substring(0, i);
                }
                inWord = false;
            } else if (spelled(c)) {
                inWord = true;
                if (++counted == ceiling) {
                    return text.substring(0, i + Character.charCount(c));
                }
            }
            i += Character.charCount(c);
        }
        return text;
    }

    /**
     * Whether {@code c} is whitespace every tokenizer splits words at: spaces, tabs, line breaks, and the Unicode
     * space, line and paragraph separators (not the no-break spaces, which {@link Character#isWhitespace} leaves out).
     * Not the other control characters Java calls whitespace (vertical tab, form feed, U+001C to U+001F): BERT's
     * normalizer drops them, joining the words either side into one.
     */
    private static boolean separates(int c) {
        return c == '\t'
                || c == '\n'
                || c == '\r'
                || (Character.isWhitespace(c) && Character.getType(c) != Character.CONTROL);
    }

    /**
     * Whether every tokenizer spells {@code c} in some token: letters, digits, punctuation and symbols, but not the
     * replacement character, which BERT's normalizer drops with the control characters.
     */
    private static boolean spelled(int c) {
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL,
                    Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL -> true;
            case Character.OTHER_SYMBOL -> c != 0xFFFD;
            default -> false;
        };
    }

    /** The most characters a token of the vocabulary (or an added token) spells; 0 when the file lists none. */
    private static int longestToken(JsonObject json) {
        List<String> tokens = new ArrayList<>();
        JsonElement model = json.get("model");
        JsonElement vocab =
                model != null && model.isJsonObject() ? model.getAsJsonObject().get("vocab") : null;
        if (vocab != null && vocab.isJsonObject()) { // WordPiece, BPE: token to id
            tokens.addAll(vocab.getAsJsonObject().keySet());
        } else if (vocab != null && vocab.isJsonArray()) { // Unigram: [token, score] pairs
            vocab.getAsJsonArray().forEach(piece -> {
                if (piece.isJsonArray() && !piece.getAsJsonArray().isEmpty()) {
                    tokens.add(piece.getAsJsonArray().get(0).getAsString());
                }
            });
        }
        JsonElement added = json.get("added_tokens");
        if (added != null && added.isJsonArray()) {
            added.getAsJsonArray().forEach(token -> {
                if (token.isJsonObject() && token.getAsJsonObject().has("content")) {
                    tokens.add(token.getAsJsonObject().get("content").getAsString());
                }
            });
        }
        return tokens.stream()
                .mapToInt(token -> token.codePointCount(0, token.length()))
                .max()
                .orElse(0);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
