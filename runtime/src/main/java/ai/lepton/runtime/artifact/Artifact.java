package ai.lepton.runtime.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A verified artifact, unpacked: each entry matched its checksum (and the checksum list its signature, when a key was
 * configured) as it was written to a private temporary folder, so what is parsed is what was verified. Only
 * {@link ArtifactReader} makes one; closing it deletes the folder, so read what is needed before.
 */
public final class Artifact implements AutoCloseable {

    private final String source;
    private final Path folder;
    private final Set<String> names;
    private final boolean signed;
    private final boolean signatureVerified;

    /**
     * @param source            where it was read from, for messages
     * @param folder            where its entries were unpacked, each at its name
     * @param names             its entries, as its checksum list names them
     * @param signed            whether it carries a signature (checked or not)
     * @param signatureVerified whether a signature was checked against a configured key
     */
    Artifact(String source, Path folder, Set<String> names, boolean signed, boolean signatureVerified) {
        this.source = source;
        this.folder = folder;
        this.names = Set.copyOf(names);
        this.signed = signed;
        this.signatureVerified = signatureVerified;
    }

    public String source() {
        return source;
    }

    /** Its entries, the checksum list and signature left out. */
    public Set<String> names() {
        return names;
    }

    public boolean has(String entry) {
        return names.contains(entry);
    }

    /** Whether the artifact carries a signature (verified or not). */
    public boolean signed() {
        return signed;
    }

    /** Whether a signature was checked against a configured key. */
    public boolean signatureVerified() {
        return signatureVerified;
    }

    /** The verified file of {@code entry}, for libraries that read files; it lasts until the artifact is closed. */
    public Path path(String entry) {
        if (!has(entry)) {
            throw new ArtifactException(source + " has no entry " + entry + ".");
        }
        return folder.resolve(entry);
    }

    /** The bytes of {@code entry}, in memory. */
    public byte[] bytes(String entry) {
        Path file = path(entry);
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 8) { // the most a Java array holds
                throw new ArtifactException(source + ": entry " + entry + " holds " + ArtifactLimits.size(size)
                        + ", more than this runtime reads into memory at once.");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ArtifactException(
                    "Cannot read entry " + entry + " of " + source + " where it was unpacked: " + e.getMessage(), e);
        }
    }

    public String text(String entry) {
        return new String(bytes(entry), StandardCharsets.UTF_8);
    }

    /** Entry {@code entry} as a JSON object whose fields are read with their types checked. */
    public JsonEntry json(String entry) {
        return JsonEntry.parse(source, entry, text(entry));
    }

    /** The manifest, its format checked first. */
    public Manifest manifest() {
        return ManifestJson.read(json(ArtifactLayout.MANIFEST), source);
    }

    /** Deletes the unpacked entries. */
    @Override
    public void close() {
        TemporaryFolder.delete(folder);
    }
}
