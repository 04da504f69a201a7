package ai.lepton.runtime.artifact;

import ai.lepton.base.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The checksum list: one {@code <sha256>  <entry>} line per entry, sorted by name, as {@code sha256sum} writes it. */
final class Checksums {

    private Checksums() {}

    /** The list for {@code entries} (name to content). */
    static byte[] list(Map<String, byte[]> entries) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(entries)
                .forEach((name, bytes) -> text.append(Sha256.of(bytes).hex())
                        .append("  ")
                        .append(name)
                        .append('\n'));
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
