/**
 * The session's libraries and Maven dependency resolution for {@code %maven} and {@code %%loadFromPOM}: Maven Resolver
 * through MIMA, honouring {@code ~/.m2/settings.xml} (mirrors, proxies, offline) and working from the local repository
 * when there is no network. Coordinates or a POM that cannot be read are a
 * {@link ai.lepton.kernel.deps.DependencyException}.
 *
 * <p>Whose version of a library a session runs ({@link ai.lepton.kernel.deps.SessionLibraries}): a notebook gets the
 * versions it pins before its first Java code, as IJava notebooks pin them in their first cells. The session JVM starts
 * on the kernel's classpath (what Lepton ships: Tablesaw, XChart, Smile, ...); pins that are other versions of those
 * libraries make it start afresh at that first Java code, when nothing of the notebook's has run, with the pinned jars
 * ahead and Lepton's copies left out, and the line that says so names what Lepton's own code may then miss. After it,
 * the classpath only grows, and a {@code %maven} of a library the session has keeps the session's version and says so.
 * A family an extension declares ({@link ai.lepton.kernel.deps.LibraryFamily}: Lepton's DJL, as older DJL engines
 * download their natives at run time) is kept always, and what the session keeps is never resolved.
 *
 * <p>Why this and not the alternatives: Lepton's libraries must stay on the session JVM's own class loader, where
 * service lookups, JDBC drivers and DJL's engine discovery find them, and where the notebook's code and Lepton's share
 * the Tablesaw tables, DJL arrays and charts they pass each other; a class loader of Lepton's own would give each side
 * its own {@code Table}. Joining Lepton's libraries only at a {@code %lepton} magic or an {@code ai.lepton} import would
 * take Tablesaw, XChart and DJL from notebooks that use them without {@code %maven}. The cost is one more JVM start, once,
 * for a notebook whose pins replace something Lepton ships.
 */
package ai.lepton.kernel.deps;
