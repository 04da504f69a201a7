package ai.lepton.runtime.artifact;

import ai.lepton.base.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The checksum list: one {@code <sha256>  <entry>} line per entry, sorted by name, as {@code sha256sum} writes it. */
public final class Checksums {

    /** The bytes read at once where entries are streamed. */
    static final int BUFFER = 64 << 10;

    private Checksums() {}

    public static String sha256(byte[] bytes) {
        return Sha256.of(bytes).hex();
    }

    /** The SHA-256 of the file at {@code file}, read as a stream (a file of any size takes a buffer's memory). */
    public static String sha256(Path file) throws IOException {
        return Sha256.of(file).hex();
    }

    /** The list for {@code entries} (name to content). */
    static byte[] list(Map<String, byte[]> entries) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(entries)
                .forEach((name, bytes) ->
                        text.append(sha256(bytes)).append("  ").append(name).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Entry name to expected SHA-256, from the list of {@code source}; a malformed or repeated line is refused with its number. */
    static Map<String, String> parse(byte[] list, String source) {
        Map<String, String> expected = new LinkedHashMap<>();
        String[] lines = new String(list, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            if (!lines[i].matches("[0-9a-f]{64}  \\S.*")) {
                throw new ArtifactException("Checksum check failed for " + source + ": line " + (i + 1) + " of "
                        + ArtifactLayout.CHECKSUMS + " is not '<sha256>  <entry>'. The artifact was altered; use the"
                        + " registry's copy.");
            }
            if (expected.put(lines[i].substring(66), lines[i].substring(0, 64)) != null) {
                throw new ArtifactException("Checksum check failed for " + source + ": line " + (i + 1) + " of "
                        + ArtifactLayout.CHECKSUMS + " lists entry " + lines[i].substring(66)
                        + " a second time. The artifact was altered; use the registry's copy.");
            }
        }
        return expected;
    }
}
