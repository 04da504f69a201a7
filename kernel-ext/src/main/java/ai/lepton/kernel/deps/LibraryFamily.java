package ai.lepton.kernel.deps;

/**
 * Libraries released together that a kernel extension ships into the session and that a notebook's pins never replace,
 * because the extension cannot run on another version of them (Lepton's DJL: older DJL engines download their natives
 * at run time). A {@code %maven} of one of them keeps the session's own, resolving nothing at the version asked; one the
 * session lacks is taken at the family's version, so it fits the rest.
 *
 * @param name   what notebooks call it ({@code DJL})
 * @param group  the family's group, which also takes in the groups below it ({@code ai.djl}: {@code ai.djl.pytorch} too)
 * @param anchor the artifact of {@code group} whose version on the classpath is the family's ({@code api})
 * @param reason why pins keep the family, as the line a notebook shows goes on after "Lepton's DJL stays, "
 */
public record LibraryFamily(String name, String group, String anchor, String reason) {

    /** Whether {@code groupId} belongs to this family. */
    public boolean holds(String groupId) {
        return groupId.equals(group) || groupId.startsWith(group + ".");
    }
}
