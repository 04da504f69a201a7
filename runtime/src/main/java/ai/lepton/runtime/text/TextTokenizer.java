package ai.lepton.runtime.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A model's {@code tokenizer.json} read by Hugging Face's own tokenizer (through DJL, natives inside its jar), fully
 * offline and with every setting explicit: special tokens added, truncation to {@code maxLength} word pieces, no
 * padding (batches pad to their own longest text). Training and the runtime tokenize through this one class, so both
 * see the same ids.
 */
public final class TextTokenizer implements AutoCloseable {

    static {
        // DJL's tokenizer asks a metadata address for its natives unless it is offline; set before the first is built
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /** One text as word-piece ids, and whether it was cut to fit. */
    public record Tokens(long[] ids, boolean truncated) {}

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    private final String separator;
    private final long padId;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, int maxLength, String separator, long padId) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
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
            JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            return new TextTokenizer(
                    HuggingFaceTokenizer.builder()
                            .optTokenizerPath(file)
                            .optAddSpecialTokens(true)
                            .optTruncation(true)
                            .optMaxLength(maxLength)
                            .optPadding(false)
                            .build(),
                    maxLength,
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

    /** The word-piece ids of each text, special tokens included; a null text is read as an empty one. */
    public List<Tokens> encode(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(
                texts.stream().map(text -> text == null ? "" : text).toList());
        return Arrays.stream(encodings)
                .map(encoding -> new Tokens(encoding.getIds(), encoding.exceedMaxLength()))
                .toList();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
