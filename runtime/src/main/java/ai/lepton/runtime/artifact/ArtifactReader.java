package ai.lepton.runtime.artifact;

import ai.lepton.base.Settings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads and verifies an artifact before anything in it is parsed: the zip is whole, every entry name is
 * safe, every entry is listed in the checksum list and matches it, nothing listed is missing, and, when a
 * verifying key is configured, the signature over the list is valid. Each refusal names the check and the entry.
 */
public final class ArtifactReader {

    private static final int END_RECORD_SIZE = 22;
    private static final int END_RECORD_SIGNATURE = 0x06054b50;

    private ArtifactReader() {}

    /** Verifies {@code bytes} read from {@code source}; with a non-null {@code verifyKey} a valid signature is required. */
    public static Artifact read(byte[] bytes, String source, PublicKey verifyKey) {
        Map<String, byte[]> entries = unzip(bytes, source);
        byte[] list = entries.get(ArtifactLayout.CHECKSUMS);
        if (list == null) {
            throw new ArtifactException(
                    "Checksum check failed for " + source + ": it has no " + ArtifactLayout.CHECKSUMS
                            + ", so it is not a Lepton artifact (or the list was removed). Use the artifact as promoted.");
        }
        Map<String, String> expected = Checksums.parse(list);
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(entries.keySet());
        if (!missing.isEmpty()) {
            throw new ArtifactException("Checksum check failed for " + source + ": entry "
                    + missing.iterator().next() + " is listed in " + ArtifactLayout.CHECKSUMS
                    + " but missing from the artifact.");
        }
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            String name = entry.getKey();
            if (name.equals(ArtifactLayout.CHECKSUMS) || name.equals(ArtifactLayout.SIGNATURE)) {
                continue;
            }
            String want = expected.get(name);
            if (want == null) {
                throw new ArtifactException("Checksum check failed for " + source + ": entry " + name
                        + " is not listed in " + ArtifactLayout.CHECKSUMS + " (an extra entry was added).");
            }
            String got = Checksums.sha256(entry.getValue());
            if (!got.equals(want)) {
                throw new ArtifactException("Checksum check failed for " + source + ": entry " + name + " has SHA-256 "
                        + got + " but the artifact lists " + want
                        + ". The entry was changed after promotion; use the registry's copy.");
            }
        }
        for (String required : ArtifactLayout.REQUIRED) {
            if (!expected.containsKey(required)) {
                throw new ArtifactException(source + " is not a Lepton artifact: it has no " + required + ".");
            }
        }
        if (!expected.containsKey(ArtifactLayout.PARAMETERS) && !expected.containsKey(ArtifactLayout.WEIGHTS)) {
            throw new ArtifactException(source + " is not a Lepton artifact: it has no weights ("
                    + ArtifactLayout.PARAMETERS + " or " + ArtifactLayout.WEIGHTS + ").");
        }
        boolean verified = false;
        if (verifyKey != null) {
            byte[] signature = entries.get(ArtifactLayout.SIGNATURE);
            if (signature == null) {
                throw new ArtifactException("Signature check failed for " + source + ": a verifying key is configured ("
                        + Settings.VERIFY_KEY.variable() + ") but the artifact is not signed. Promote it with "
                        + Settings.SIGNING_KEY.variable() + " set.");
            }
            if (!Signing.verify(list, signature, verifyKey)) {
                throw new ArtifactException(
                        "Signature check failed for " + source + ": entry " + ArtifactLayout.SIGNATURE
                                + " does not match " + ArtifactLayout.CHECKSUMS
                                + " under the configured key. The artifact was altered, or signed"
                                + " with another key.");
            }
            verified = true;
        }
        return new Artifact(source, entries, verified);
    }

    private static Map<String, byte[]> unzip(byte[] bytes, String source) {
        // the end record sits last (no archive comment is written): without it the file was cut short
        if (bytes.length < END_RECORD_SIZE
                || readIntLittleEndian(bytes, bytes.length - END_RECORD_SIZE) != END_RECORD_SIGNATURE) {
            throw new ArtifactException(
                    "Zip check failed for " + source + ": the file (" + bytes.length + " bytes) has no zip end"
                            + " record; it is truncated or not an artifact. Copy it again from the registry.");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        String current = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                current = entry.getName();
                String unsafe = ArtifactLayout.unsafeName(current);
                if (unsafe != null || entry.isDirectory()) {
                    throw new ArtifactException("Entry-name check failed for " + source + ": entry '" + current
                            + "' is " + (unsafe != null ? unsafe : "a folder")
                            + ". Artifacts never hold such entries; this file was crafted or damaged.");
                }
                if (!seen.add(current)) {
                    throw new ArtifactException(
                            "Entry-name check failed for " + source + ": entry " + current + " appears twice.");
                }
                entries.put(current, zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new ArtifactException(
                    "Zip check failed for " + source + (current == null ? "" : " at entry " + current) + ": "
                            + e.getMessage() + ". The file is damaged or truncated; copy it again from the registry.",
                    e);
        }
        return entries;
    }

    private static int readIntLittleEndian(byte[] bytes, int at) {
        return (bytes[at] & 0xff)
                | (bytes[at + 1] & 0xff) << 8
                | (bytes[at + 2] & 0xff) << 16
                | (bytes[at + 3] & 0xff) << 24;
    }
}
