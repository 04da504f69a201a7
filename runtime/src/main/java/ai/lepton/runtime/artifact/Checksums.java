package ai.lepton.runtime.artifact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The checksum list: one {@code <sha256>  <entry>} line per entry, sorted by name, as {@code sha256sum} writes it. */
public final class Checksums {

    private Checksums() {}

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The list for {@code entries} (name to content). */
    static byte[] list(Map<String, byte[]> entries) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(entries)
                .forEach((name, bytes) ->
                        text.append(sha256(bytes)).append("  ").append(name).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Entry name to expected SHA-256, from a list; a malformed line is refused with its number. */
    static Map<String, String> parse(byte[] list) {
        Map<String, String> expected = new LinkedHashMap<>();
        String[] lines = new String(list, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            if (!lines[i].matches("[0-9a-f]{64}  \\S.*")) {
                throw new ArtifactException("Checksum check failed: line " + (i + 1) + " of " + ArtifactLayout.CHECKSUMS
                        + " is not '<sha256>  <entry>'. The artifact was altered; use the registry's copy.");
            }
            expected.put(lines[i].substring(66), lines[i].substring(0, 64));
        }
        return expected;
    }
}
