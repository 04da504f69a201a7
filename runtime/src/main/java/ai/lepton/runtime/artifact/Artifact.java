package ai.lepton.runtime.artifact;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * A verified artifact's entries, held in memory: every checksum matched (and the signature, when a key was
 * configured). Only {@link ArtifactReader} makes one.
 *
 * @param source            where it was read from, for messages
 * @param entries           entry name to content, the checksum list and signature included
 * @param signatureVerified whether a signature was checked against a configured key
 */
public record Artifact(String source, Map<String, byte[]> entries, boolean signatureVerified) {

    public Artifact {
        entries = Map.copyOf(entries);
    }

    public byte[] bytes(String entry) {
        byte[] bytes = entries.get(entry);
        if (bytes == null) {
            throw new ArtifactException(source + " has no entry " + entry + ".");
        }
        return bytes;
    }

    public String text(String entry) {
        return new String(bytes(entry), StandardCharsets.UTF_8);
    }

    public JsonObject json(String entry) {
        try {
            return JsonParser.parseString(text(entry)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new ArtifactException(
                    source + ": entry " + entry + " is not a JSON object (" + e.getMessage() + ").", e);
        }
    }

    public Set<String> names() {
        return entries.keySet();
    }

    /** Whether the artifact carries a signature (verified or not). */
    public boolean signed() {
        return entries.containsKey(ArtifactLayout.SIGNATURE);
    }

    public JsonObject manifest() {
        return json(ArtifactLayout.MANIFEST);
    }
}
