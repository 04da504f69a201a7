package ai.lepton.runtime.model;

import java.util.List;

/**
 * How a text model's encoder is built and read: the pretrained encoder's shape, how its token vectors become one vector
 * per text, how many word pieces it reads, its dropout, and its low-rank adapters. Saved in {@code architecture.json}
 * with the rest of the network.
 *
 * @param config    the encoder's shape (Hugging Face's {@code config.json})
 * @param pooling   {@code mean} (the average of the text's token vectors) or {@code cls} (the first token's vector)
 * @param maxLength the most word pieces read per text, special tokens included; longer texts are cut
 * @param dropout   the encoder's dropout while training (after embeddings, attention weights and each sub-layer)
 * @param lora      adapters on query and value, or {@link LoraSettings#NONE}
 */
public record EncoderSettings(BertConfig config, String pooling, int maxLength, double dropout, LoraSettings lora) {

    public static final List<String> POOLINGS = List.of("mean", "cls");

    public EncoderSettings {
        if (!POOLINGS.contains(pooling)) {
            throw new IllegalArgumentException(
                    "pooling '" + pooling + "' is not one of " + String.join(", ", POOLINGS) + ".");
        }
        if (maxLength < 3 || maxLength > config.maxPositions()) {
            throw new IllegalArgumentException("max_length " + maxLength + " is outside 3.." + config.maxPositions()
                    + ", the positions this encoder has.");
        }
        lora = lora == null ? LoraSettings.NONE : lora;
    }

    /** The same encoder with its adapters folded into its weights: what inference builds. */
    public EncoderSettings merged() {
        return new EncoderSettings(config, pooling, maxLength, dropout, LoraSettings.NONE);
    }
}
