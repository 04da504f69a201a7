package ai.lepton.runtime.artifact;

import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * An artifact's zip central directory, checked before any entry is read: at most {@link ArtifactLimits#MAX_ENTRIES}
 * entries, each name safe and used once (even ignoring case, as some file systems do), each declared size and their
 * total within the limits. The declared sizes are then the most the reader inflates.
 */
final class ArtifactDirectory {

    private ArtifactDirectory() {}

    /** Entry name to directory record, in the zip's order; refused, naming the entry, at the first check that fails. */
    static Map<String, ZipEntry> check(ZipFile zip, String source, ArtifactLimits limits) {
        if (zip.size() > ArtifactLimits.MAX_ENTRIES) {
            throw new ArtifactException("Size check failed for " + source + ": it holds " + zip.size()
                    + " entries, more than the " + ArtifactLimits.MAX_ENTRIES + " an artifact may hold (promotion"
                    + " writes about 10). The file was crafted or damaged; use the registry's copy.");
        }
        Map<String, ZipEntry> entries = new LinkedHashMap<>();
        Map<String, String> byFoldedName = new HashMap<>();
        long total = 0;
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            ZipEntry entry = all.nextElement();
            String name = entry.getName();
            String unsafe = ArtifactLayout.unsafeName(name);
            if (unsafe != null || entry.isDirectory()) {
                throw new ArtifactException("Entry-name check failed for " + source + ": entry '" + name + "' is "
                        + (unsafe != null ? unsafe : "a folder")
                        + ". Artifacts never hold such entries; this file was crafted or damaged.");
            }
            if (entries.containsKey(name)) {
                throw new ArtifactException(
                        "Entry-name check failed for " + source + ": entry " + name + " appears twice.");
            }
            String same = byFoldedName.put(name.toLowerCase(Locale.ROOT), name);
            if (same != null) {
                throw new ArtifactException("Entry-name check failed for " + source + ": entries " + same + " and "
                        + name + " differ only in case, so they would be one file on some systems.");
            }
            long size = entry.getSize();
            if (size < 0) {
                throw new ArtifactException("Zip check failed for " + source + ": entry " + name + " does not say its"
                        + " size. The file is damaged; copy it again from the registry.");
            }
            if (size > limits.maxBytes(name)) {
                throw new ArtifactException("Size check failed for " + source + ": entry " + name + " declares "
                        + ArtifactLimits.size(size) + ", over " + limits.why(name) + ".");
            }
            total += size;
            if (total > limits.maxTotal()) {
                throw new ArtifactException("Size check failed for " + source + ": its entries declare more than "
                        + limits.whyTotal() + ".");
            }
            entries.put(name, entry);
        }
        for (String name : entries.keySet()) { // unpacked, an entry cannot be a file and the folder of another
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                String folder = byFoldedName.get(name.substring(0, slash).toLowerCase(Locale.ROOT));
                if (folder != null) {
                    throw new ArtifactException("Entry-name check failed for " + source + ": entry " + folder
                            + " is also the folder of entry " + name + ". Artifacts never hold such entries; this file"
                            + " was crafted or damaged.");
                }
            }
        }
        return entries;
    }
}
