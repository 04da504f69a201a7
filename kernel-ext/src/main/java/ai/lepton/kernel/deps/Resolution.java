package ai.lepton.kernel.deps;

import java.nio.file.Path;
import java.util.List;

/**
 * What resolving coordinates adds to the session: the jars not on its classpath yet, and the libraries it already has
 * (Lepton ships them, or an earlier {@code %maven} added them), which are kept at their version instead of being put on
 * the classpath twice.
 *
 * @param added the jars to add
 * @param kept  each library kept, as "tech.tablesaw:tablesaw-core 0.44.1 (asked for 0.38.1)"; empty when none
 */
public record Resolution(List<Path> added, List<String> kept) {

    public Resolution {
        added = List.copyOf(added);
        kept = List.copyOf(kept);
    }
}
