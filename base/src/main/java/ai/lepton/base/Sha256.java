package ai.lepton.base;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A SHA-256 digest, as 64 hexadecimal digits (lower case): what a download must have, an artifact entry's checksum, a
 * pretrained model's weights. Files are digested as streams, so a file of any size costs a buffer's memory.
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

    /** The digest of the files' bytes one after another (of one file: that file's own digest). */
    public static Sha256 of(Path... files) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 << 10];
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        return of(digest);
    }

    /** The digest {@code digest} computed. */
    public static Sha256 of(MessageDigest digest) {
        return new Sha256(HexFormat.of().formatHex(digest.digest()));
    }

    /** A new SHA-256 digest, for bytes that arrive piece by piece. */
    public static MessageDigest newDigest() {
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
