package ai.lepton.promote;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * How far a promoted artifact's entries inflate from their compressed bytes: the runtime refuses an unsigned entry
 * that inflates more than 100 times (a zip bomb), so a real artifact must stay far below that.
 */
final class EntryInflation {

    /** A tenth of the runtime's limit: what promotion writes inflates at most about 7 times. */
    private static final double FAR_BELOW_THE_LIMIT = 10;

    private EntryInflation() {}

    static void assertFarBelowTheLimit(Path artifact) throws IOException {
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                double inflation = entry.getSize() / (double) Math.max(1, entry.getCompressedSize());
                assertTrue(
                        inflation < FAR_BELOW_THE_LIMIT,
                        artifact.getFileName() + ": entry " + entry.getName() + " inflates " + inflation + " times");
            }
        }
    }
}
