package ai.lepton.kernel.deps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Maven libraries on a classpath with their versions: by {@code group:artifact} from the
 * {@code META-INF/maven/.../pom.properties} Maven writes into the jars it builds, and for jars built without one (DJL,
 * Smile, JNA are built with Gradle) from the POM the build copied beside the jar ({@code copyPom}), or else by their
 * file names, {@code artifact-version.jar}, as Maven copies them (the group then unknown).
 *
 * @param libraries every library found, each jar's own first (a jar that bundles others names them after its own)
 */
record ClasspathLibraries(List<Library> libraries) {

    private static final String POM_PROPERTIES = "pom.properties";

    /**
     * One library on the classpath.
     *
     * @param entry    the jar that holds it
     * @param group    its group, or null when only the jar's file name names it
     * @param artifact its artifact
     * @param version  its version (for a jar named by its file alone, what follows the artifact: classifier included)
     * @param own      whether it is the jar's own library rather than one bundled into it
     */
    record Library(String entry, String group, String artifact, String version, boolean own) {

        boolean is(String group, String artifact) {
            return this.artifact.equals(artifact) && (this.group == null || this.group.equals(group));
        }

        /** {@code group:artifact}, or the artifact alone when the group is not known. */
        String name() {
            return group == null ? artifact : group + ":" + artifact;
        }
    }

    ClasspathLibraries {
        libraries = List.copyOf(libraries);
    }

    /** The libraries among {@code entries} (class folders and missing files skipped). */
    static ClasspathLibraries of(List<String> entries) {
        List<Library> found = new ArrayList<>();
        for (String entry : entries) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path) && entry.endsWith(".jar")) {
                found.addAll(read(entry, path));
            }
        }
        return new ClasspathLibraries(found);
    }

    /** The library {@code group:artifact} on the classpath, if it is there (the first, as the JVM takes it). */
    Optional<Library> find(String group, String artifact) {
        return libraries.stream().filter(library -> library.is(group, artifact)).findFirst();
    }

    /** The version of {@code group:artifact} on the classpath, or null when it is not there. */
    String version(String group, String artifact) {
        return find(group, artifact).map(Library::version).orElse(null);
    }

    /** The libraries of {@code jar}: what its pom.properties say, else what its file name says. */
    private static List<Library> read(String entry, Path jar) {
        String file = jar.getFileName().toString();
        List<Library> named = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry zipEntry = entries.nextElement();
                if (zipEntry.getName().startsWith("META-INF/maven/")
                        && zipEntry.getName().endsWith(POM_PROPERTIES)) {
                    Properties pom = new Properties();
                    try (InputStream in = zip.getInputStream(zipEntry)) {
                        pom.load(in);
                    }
                    String group = pom.getProperty("groupId");
                    String artifact = pom.getProperty("artifactId");
                    String version = pom.getProperty("version", "?");
                    if (group != null && artifact != null) {
                        boolean own = file.startsWith(artifact + "-" + version);
                        named.add(own ? 0 : named.size(), new Library(entry, group, artifact, version, own));
                    }
                }
            }
        } catch (IOException e) {
            return List.of(); // not a readable jar: the JVM will say so when it loads it; nothing to compare against
        }
        if (named.isEmpty()) {
            return CopiedPom.beside(jar)
                    .map(pom -> new Library(entry, pom.group(), pom.artifact(), pom.version(), true))
                    .or(() -> byFileName(entry, file))
                    .stream()
                    .toList();
        }
        if (!named.getFirst().own() && named.size() == 1) {
            Library only = named.getFirst(); // renamed on copying: still the jar's own
            return List.of(new Library(entry, only.group(), only.artifact(), only.version(), true));
        }
        return named;
    }

    /** {@code artifact-version.jar}: the version starts at the first {@code -} followed by a digit. */
    private static Optional<Library> byFileName(String entry, String file) {
        String stem = file.substring(0, file.length() - ".jar".length());
        for (int i = 1; i < stem.length() - 1; i++) {
            if (stem.charAt(i) == '-' && Character.isDigit(stem.charAt(i + 1))) {
                return Optional.of(new Library(entry, null, stem.substring(0, i), stem.substring(i + 1), true));
            }
        }
        return Optional.empty();
    }
}
