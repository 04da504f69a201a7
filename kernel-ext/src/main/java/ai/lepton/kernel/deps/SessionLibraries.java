package ai.lepton.kernel.deps;

import ai.lepton.kernel.deps.ClasspathLibraries.Library;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The libraries of one session's classpath, and whose version of each the session runs: the notebook's or Lepton's.
 *
 * <p>The session JVM starts on the kernel's classpath: the session's core (the jars its own code runs on: agent,
 * display API, bridge), which nothing replaces, and what Lepton ships beside it (the extensions' libraries: Tablesaw,
 * XChart, Smile, ...). Jars a notebook adds before its first Java code runs are its pins, as IJava notebooks write
 * them at the top: where they are another version of a library Lepton ships, they replace Lepton's, and the session
 * starts afresh at that first Java code (nothing of the notebook's has run, nothing is lost) with the pinned jars ahead
 * and Lepton's copies left out. From the first Java code on the classpath only grows: JShell adds jars to a class loader
 * below the JVM's own, where a shipped class still wins, so a later {@code %maven} of a library the session has keeps
 * the session's version. Families that an extension declares ({@link LibraryFamily}: Lepton's DJL) are kept always.
 *
 * <p>Why one classpath and not Lepton's libraries in a class loader of their own: Lepton hands notebooks Tablesaw tables,
 * DJL arrays and XChart charts, so the notebook's code and Lepton's must see the same classes.
 */
public final class SessionLibraries {

    /**
     * The version the session keeps of a library asked for, and why.
     *
     * @param version         the session's version
     * @param family          the family it belongs to, or null
     * @param sinceFirstJava  whether it is kept because Lepton's libraries are fixed from the first Java code on (a
     *                        {@code %maven} before it would have had the version asked)
     */
    public record Keeping(String version, LibraryFamily family, boolean sinceFirstJava) {}

    private final List<String> kernelClasspath;
    /** What the kernel's classpath holds: read on first use, not at the kernel's start. */
    private ClasspathLibraries shipped;

    private final Set<String> core;
    private final List<LibraryFamily> families = new CopyOnWriteArrayList<>();
    /** Every jar the notebook added, in order. */
    private final List<String> added = new ArrayList<>();

    private ClasspathLibraries addedLibraries = new ClasspathLibraries(List.of());
    /** The shipped jars that pins replace, with the pinned library that replaces each. */
    private final Map<String, Library> replaced = new LinkedHashMap<>();

    private boolean firstJavaRan;

    /**
     * @param kernelClasspath the kernel's classpath, which the session starts on
     * @param core            those of its entries that hold the session's own code
     */
    public SessionLibraries(List<String> kernelClasspath, Collection<String> core) {
        this.kernelClasspath = List.copyOf(kernelClasspath);
        this.core = Set.copyOf(core);
    }

    /** Keeps {@code family} at the version the session ships, whatever notebooks pin. */
    public void keep(LibraryFamily family) {
        families.add(family);
    }

    /** The family {@code group} belongs to, if any. */
    public Optional<LibraryFamily> family(String group) {
        return families.stream().filter(family -> family.holds(group)).findFirst();
    }

    /** The version of {@code family} the session ships (its anchor's), or null when the classpath lacks it. */
    public synchronized String version(LibraryFamily family) {
        return shipped().version(family.group(), family.anchor());
    }

    /**
     * The version of {@code group:artifact} the session keeps when {@code asked} is asked for, or empty when the
     * notebook may have the version it asks: a library the notebook added earlier (one version per classpath), the
     * session's core, a family, a shipped one at that very version or one whose coordinates are not known for sure, or
     * anything Lepton ships once the first Java code has run.
     */
    public synchronized Optional<Keeping> keeping(String group, String artifact, String asked) {
        Optional<Library> pinned = addedLibraries.find(group, artifact);
        if (pinned.isPresent()) {
            return Optional.of(new Keeping(pinned.get().version(), null, false));
        }
        Optional<Library> ours = shipped().find(group, artifact);
        if (ours.isEmpty()) {
            return Optional.empty();
        }
        String version = ours.get().version();
        Optional<LibraryFamily> family = family(group);
        if (family.isPresent() || version.equals(asked) || !replaceable(ours.get())) {
            return Optional.of(new Keeping(version, family.orElse(null), false));
        }
        return firstJavaRan ? Optional.of(new Keeping(version, null, true)) : Optional.empty();
    }

    /**
     * Records jars the notebook added. Before its first Java code, those that are another version of a library Lepton
     * ships replace it; the line that says so, or empty.
     */
    public synchronized Optional<String> add(List<Path> jars) {
        List<String> entries =
                jars.stream().map(jar -> jar.toAbsolutePath().toString()).toList();
        ClasspathLibraries now = ClasspathLibraries.of(entries);
        added.addAll(entries);
        List<Library> all = new ArrayList<>(addedLibraries.libraries());
        all.addAll(now.libraries());
        addedLibraries = new ClasspathLibraries(all);
        if (firstJavaRan) {
            return Optional.empty();
        }
        List<String> replacing = new ArrayList<>();
        for (Library pin : now.libraries()) {
            Optional<Library> ours = replacedBy(pin);
            if (ours.isPresent() && replaced.putIfAbsent(ours.get().entry(), pin) == null) {
                replacing.add(pin.name() + " " + pin.version() + " (Lepton ships "
                        + ours.get().version() + ")");
            }
        }
        if (replacing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", replacing)
                + (replacing.size() == 1 ? " replaces Lepton's version" : " replace Lepton's versions")
                + " in this session, which starts afresh with the pinned jars at the notebook's first Java code;"
                + " Lepton's magics were built with Lepton's versions and may fail where they use "
                + (replacing.size() == 1 ? "it." : "them."));
    }

    /** The shipped library that {@code pin} replaces: a replaceable one of the same coordinates, at another version. */
    private Optional<Library> replacedBy(Library pin) {
        return shipped().libraries().stream()
                .filter(ours -> replaceable(ours) && pin.group() != null && ours.is(pin.group(), pin.artifact()))
                .filter(ours -> !ours.version().equals(pin.version()))
                .findFirst();
    }

    /**
     * Whether a pin may replace {@code ours}: a jar of its own (not bundled into another), whose group is known, that
     * is neither the session's core nor of a family.
     */
    private boolean replaceable(Library ours) {
        return ours.own()
                && ours.group() != null
                && !core.contains(ours.entry())
                && family(ours.group()).isEmpty();
    }

    private ClasspathLibraries shipped() {
        if (shipped == null) {
            shipped = ClasspathLibraries.of(kernelClasspath);
        }
        return shipped;
    }

    /** Whether jars the notebook adds wait for the fresh session of its first Java code, rather than join this one. */
    public synchronized boolean awaitsFreshSession() {
        return !firstJavaRan && !replaced.isEmpty();
    }

    /**
     * Marks the notebook's first Java code, from which Lepton's libraries are fixed. Returns the classpath of the
     * session to start before it when pins replaced libraries Lepton ships, else empty (the running session fits).
     */
    public synchronized Optional<List<String>> firstJava() {
        if (firstJavaRan) {
            return Optional.empty();
        }
        firstJavaRan = true;
        return replaced.isEmpty() ? Optional.empty() : Optional.of(classpath());
    }

    /** The session's classpath as planned: the pinned jars ahead of the kernel's, less those the pins replace. */
    private List<String> classpath() {
        List<String> classpath = new ArrayList<>(added);
        kernelClasspath.stream().filter(entry -> !replaced.containsKey(entry)).forEach(classpath::add);
        return List.copyOf(classpath);
    }
}
