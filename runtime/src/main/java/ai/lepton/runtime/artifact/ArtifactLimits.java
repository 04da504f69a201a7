package ai.lepton.runtime.artifact;

import ai.lepton.base.ByteSize;
import ai.lepton.base.Settings;

/**
 * How much an artifact may hold when it is loaded, so that a small crafted file cannot make the reader inflate more
 * than a real artifact needs: a count of entries and a size of the zip's directory, a size per entry by what the entry
 * is, everything but the weights together, a total, how far an unsigned entry may inflate, and how many features a row
 * may have. The weights are bounded by {@code LEPTON_MAX_WEIGHTS} (the one entry that grows with the model); every
 * other limit is fixed far above what promotion writes (a manifest, schema or card is kilobytes; a tokenizer a few
 * megabytes).
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
    /** Everything but the weights together, entries this runtime does not know included. */
    static final long MAX_BESIDES_WEIGHTS = 256L << 20;
    /**
     * The zip's central directory, as its end record declares it: the records of {@link #MAX_ENTRIES} entries with the
     * longest names take a tenth of this.
     */
    static final long MAX_DIRECTORY_BYTES = 1L << 20;
    /**
     * How many times smaller than its declared size an entry's compressed bytes may be, unless the artifact's signature
     * was verified: deflate makes real artifacts' entries at most about 7 times smaller (a tokenizer 3.4, a profile 7,
     * weights 1.1 to 2.6), and zeros a thousand times.
     */
    static final long MAX_INFLATION = 100;

    /**
     * The most features one row may have, in a schema and as a network's input: a 2048 × 2048 RGB image has 12.6
     * million.
     */
    public static final int MAX_FEATURES = 1 << 24;

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
        if (ArtifactLayout.isWeights(entry)) {
            return maxWeights;
        }
        return switch (entry) {
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
        if (ArtifactLayout.isWeights(entry)) {
            return "the " + size(limit) + " an artifact's weights may take (" + Settings.MAX_WEIGHTS.variable()
                    + "; raise it if you trust this artifact and its model is that large)";
        }
        return "the " + size(limit) + " such an entry may take (promotion writes far less: the artifact was crafted"
                + " or damaged; use the registry's copy)";
    }

    /** What limits the entries besides the weights, for a refusal: one clause. */
    static String whyBesidesWeights() {
        return "the " + size(MAX_BESIDES_WEIGHTS) + " the entries besides the weights may take together (promotion"
                + " writes a few megabytes: the artifact was crafted or damaged; use the registry's copy)";
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
