package ai.lepton.runtime.artifact;

import ai.lepton.base.Settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * An artifact's zip central directory, checked before any entry is read: at most {@link ArtifactLimits#MAX_ENTRIES}
 * entries, each name safe and used once (even ignoring case, as some file systems do), each declared size, those
 * besides the weights together and the total within the limits. The declared sizes are then the most the reader
 * inflates; before it does, no unsigned entry may claim to inflate further than real ones do, and the temporary
 * folder must have room for them all.
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
        long besidesWeights = 0;
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            ZipEntry entry = all.nextElement();
            String name = entry.getName();
            String unsafe = ArtifactLayout.unsafeName(name);
            if (unsafe != null || entry.isDirectory()) {
                throw new ArtifactException("Entry-name check failed for " + source + ": entry '"
                        + ArtifactLayout.shown(name) + "' is "
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
            besidesWeights += ArtifactLayout.isWeights(name) ? 0 : size;
            entries.put(name, entry);
        }
        if (besidesWeights > ArtifactLimits.MAX_BESIDES_WEIGHTS) {
            throw new ArtifactException("Size check failed for " + source + ": its entries besides the weights declare "
                    + ArtifactLimits.size(besidesWeights) + ", more than " + ArtifactLimits.whyBesidesWeights() + ".");
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

    /**
     * Refuses, before anything is inflated, an entry whose compressed bytes are more than
     * {@link ArtifactLimits#MAX_INFLATION} times smaller than the size it declares: real entries never are, so it would
     * cost disk and time out of all proportion to the file before its checksum could fail it. Applied where no
     * signature vouches for the entries.
     */
    static void checkInflation(Collection<ZipEntry> entries, String source) {
        for (ZipEntry entry : entries) {
            long compressed = entry.getCompressedSize();
            if (entry.getSize() > ArtifactLimits.MAX_INFLATION * Math.max(0, compressed)) {
                throw new ArtifactException("Size check failed for " + source + ": entry " + entry.getName()
                        + " declares " + ArtifactLimits.size(entry.getSize()) + " inflated from "
                        + (compressed > 0
                                ? ArtifactLimits.size(compressed) + ", " + entry.getSize() / compressed + " times its"
                                        + " compressed size"
                                : "nothing")
                        + "; real artifacts' entries inflate at most about 7 times, and this runtime inflates an entry"
                        + " at most " + ArtifactLimits.MAX_INFLATION + " times unless the artifact's signature is"
                        + " verified (" + Settings.VERIFY_KEY.variable() + "). The file was crafted or damaged; use the"
                        + " registry's copy.");
            }
        }
    }

    /** Refuses to unpack {@code entries} into {@code folder} when its disk has less room than they declare. */
    static void checkRoom(Collection<ZipEntry> entries, Path folder, String source) {
        long declared = entries.stream().mapToLong(ZipEntry::getSize).sum(); // each already held to its limit
        long usable;
        try {
            usable = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return; // a store that does not say: unpacking reports what fails
        }
        if (declared > usable) {
            throw new ArtifactException("Cannot unpack " + source + ": its entries declare "
                    + ArtifactLimits.size(declared) + ", and the temporary folder " + folder
                    + " (java.io.tmpdir) has " + ArtifactLimits.size(usable) + " free. Free some space there, or"
                    + " start the JVM with -Djava.io.tmpdir=FOLDER on a disk with room.");
        }
    }
}
