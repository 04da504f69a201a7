package ai.lepton.runtime.artifact;

import ai.lepton.base.ByteSize;
import ai.lepton.base.Settings;

/**
 * How much an artifact may hold when it is loaded, so that a small crafted file cannot make the reader inflate more
 * than a real artifact needs: a count of entries, a size per entry by what the entry is, and a total. The weights are
 * bounded by {@code LEPTON_MAX_WEIGHTS} (the one entry that grows with the model); every other limit is fixed far
 * above what promotion writes (a manifest, schema or card is kilobytes; a tokenizer a few megabytes).
 *
 * @param maxWeights the most bytes {@link ArtifactLayout#PARAMETERS} or {@link ArtifactLayout#WEIGHTS} may hold
 */
public record ArtifactLimits(long maxWeights) {

    /** The most entries an artifact may hold; today's layout has at most 11. */
    public static final int MAX_ENTRIES = 64;

    static final long MAX_SIGNATURE_BYTES = 1L << 10;
    static final long MAX_CHECKSUMS_BYTES = 64L << 10;
    static final long MAX_TOKENIZER_BYTES = 64L << 20;
    /** A JSON or Markdown entry: the manifest, schema, preparation, architecture, profile, card, or one this runtime does not know. */
    static final long MAX_DOCUMENT_BYTES = 16L << 20;
    /** Everything but the weights together. */
    static final long MAX_BESIDES_WEIGHTS = 256L << 20;

    public ArtifactLimits {
        if (maxWeights <= 0) {
            throw new IllegalArgumentException("the weights limit must be positive, not " + maxWeights);
        }
    }

    /** The limits {@code LEPTON_MAX_WEIGHTS} gives. */
    public static ArtifactLimits fromSettings() {
        return new ArtifactLimits(Settings.MAX_WEIGHTS.get());
    }

    /** The most bytes {@code entry} may hold. */
    long maxBytes(String entry) {
        return switch (entry) {
            case ArtifactLayout.PARAMETERS, ArtifactLayout.WEIGHTS -> maxWeights;
            case ArtifactLayout.TOKENIZER -> MAX_TOKENIZER_BYTES;
            case ArtifactLayout.CHECKSUMS -> MAX_CHECKSUMS_BYTES;
            case ArtifactLayout.SIGNATURE -> MAX_SIGNATURE_BYTES;
            default -> MAX_DOCUMENT_BYTES;
        };
    }

    /** The most bytes all entries together may hold. */
    long maxTotal() {
        return maxWeights + MAX_BESIDES_WEIGHTS;
    }

    /** The most bytes an artifact file read from a stream may take: its entries, and room for the zip's own records. */
    long maxFile() {
        return maxTotal() + (16L << 20);
    }

    /** What limits {@code entry} and what to do about it, for a refusal: one clause. */
    String why(String entry) {
        long limit = maxBytes(entry);
        if (entry.equals(ArtifactLayout.PARAMETERS) || entry.equals(ArtifactLayout.WEIGHTS)) {
            return "the " + size(limit) + " an artifact's weights may take (" + Settings.MAX_WEIGHTS.variable()
                    + "; raise it if you trust this artifact and its model is that large)";
        }
        return "the " + size(limit) + " such an entry may take (promotion writes far less: the artifact was crafted"
                + " or damaged; use the registry's copy)";
    }

    /** What limits the total, for a refusal: one clause. */
    String whyTotal() {
        return "the " + size(maxTotal()) + " an artifact may take in all (" + size(maxWeights) + " of weights, "
                + Settings.MAX_WEIGHTS.variable() + ", and " + size(MAX_BESIDES_WEIGHTS) + " for the rest)";
    }

    /** A byte count as people read it: {@code 16 MiB}, {@code 4 GiB}, {@code 1,234 bytes}. */
    static String size(long bytes) {
        return ByteSize.text(bytes);
    }
}
