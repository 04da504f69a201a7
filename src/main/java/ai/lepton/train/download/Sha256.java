package ai.lepton.train.download;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A SHA-256 digest a download must have, as 64 hexadecimal digits (lower case).
 *
 * @param hex the digest in lower-case hexadecimal
 */
public record Sha256(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Sha256 {
        hex = hex.toLowerCase(Locale.ROOT);
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a SHA-256 is 64 hexadecimal digits, not '" + hex + "'");
        }
    }

    /** The digest of {@code bytes}. */
    public static Sha256 of(byte[] bytes) {
        MessageDigest digest = newDigest();
        digest.update(bytes);
        return of(digest);
    }

    /** The digest {@code digest} computed. */
    static Sha256 of(MessageDigest digest) {
        return new Sha256(HexFormat.of().formatHex(digest.digest()));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
