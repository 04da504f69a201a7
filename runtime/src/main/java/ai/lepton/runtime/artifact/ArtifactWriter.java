package ai.lepton.runtime.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an artifact's bytes: the entries in name order with fixed timestamps (the same content gives the
 * same file), then the checksum list, then the signature when a key is given.
 */
public final class ArtifactWriter {

    /** A fixed entry time: rebuilding an artifact from the same content gives identical bytes. */
    private static final long ENTRY_TIME = 315532800000L; // 1980-01-01, the earliest a zip can say

    private ArtifactWriter() {}

    /** The artifact holding {@code entries} (name to content), signed with {@code key} when not null. */
    public static byte[] write(Map<String, byte[]> entries, PrivateKey key) {
        for (String name : entries.keySet()) {
            String unsafe = ArtifactLayout.unsafeName(name);
            if (unsafe != null || name.equals(ArtifactLayout.CHECKSUMS) || name.equals(ArtifactLayout.SIGNATURE)) {
                throw new IllegalArgumentException(
                        "'" + name + "' cannot be an artifact entry" + (unsafe == null ? "" : ": " + unsafe));
            }
        }
        Map<String, byte[]> all = new LinkedHashMap<>(new TreeMap<>(entries));
        byte[] checksums = Checksums.list(entries);
        all.put(ArtifactLayout.CHECKSUMS, checksums);
        if (key != null) {
            all.put(ArtifactLayout.SIGNATURE, Signing.sign(checksums, key));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : all.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setTime(ENTRY_TIME);
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
