package ai.lepton.runtime.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.IOException;
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

    private TextTokenizer(HuggingFaceTokenizer tokenizer, int maxLength) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
    }

    /** The tokenizer in {@code file} (a {@code tokenizer.json}), cutting texts to {@code maxLength} word pieces. */
    public static TextTokenizer open(Path file, int maxLength) {
        if (maxLength < 3) {
            throw new IllegalArgumentException(
                    "max_length " + maxLength + " leaves no room for text beside the special tokens");
        }
        try {
            return new TextTokenizer(
                    HuggingFaceTokenizer.builder()
                            .optTokenizerPath(file)
                            .optAddSpecialTokens(true)
                            .optTruncation(true)
                            .optMaxLength(maxLength)
                            .optPadding(false)
                            .build(),
                    maxLength);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    file + " is not a tokenizer Lepton can read (" + e.getMessage()
                            + "). It must be a Hugging Face tokenizer.json.",
                    e);
        }
    }

    public int maxLength() {
        return maxLength;
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
