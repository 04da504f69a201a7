package ai.lepton.kernel.deps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Maven libraries on a classpath with their versions: by {@code group:artifact} from the
 * {@code META-INF/maven/.../pom.properties} Maven writes into the jars it builds, and for jars built without one (DJL,
 * Smile, JNA are built with Gradle) by their file names, {@code artifact-version.jar}, as Maven copies them.
 *
 * @param versions {@code group:artifact} to version
 * @param unnamed  the file names of the jars that say nothing of their coordinates
 */
record ClasspathLibraries(Map<String, String> versions, List<String> unnamed) {

    private static final String POM_PROPERTIES = "pom.properties";

    /** The libraries among {@code entries} (class folders and missing files skipped). */
    static ClasspathLibraries of(List<String> entries) {
        Map<String, String> versions = new HashMap<>();
        List<String> unnamed = new ArrayList<>();
        for (String entry : entries) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path) && entry.endsWith(".jar") && !read(path, versions)) {
                unnamed.add(path.getFileName().toString());
            }
        }
        return new ClasspathLibraries(versions, unnamed);
    }

    /** The version of {@code group:artifact} on the classpath, or null when it is not there. */
    String version(String group, String artifact) {
        String named = versions.get(group + ":" + artifact);
        if (named != null) {
            return named;
        }
        for (String file : unnamed) {
            if (file.length() > artifact.length() + 5
                    && file.startsWith(artifact + "-")
                    && Character.isDigit(file.charAt(artifact.length() + 1))) {
                return file.substring(artifact.length() + 1, file.length() - ".jar".length());
            }
        }
        return null;
    }

    /** Reads the coordinates {@code jar} carries into {@code versions}; false when it carries none. */
    private static boolean read(Path jar, Map<String, String> versions) {
        boolean found = false;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().startsWith("META-INF/maven/")
                        && entry.getName().endsWith(POM_PROPERTIES)) {
                    Properties pom = new Properties();
                    try (InputStream in = zip.getInputStream(entry)) {
                        pom.load(in);
                    }
                    String group = pom.getProperty("groupId");
                    String artifact = pom.getProperty("artifactId");
                    if (group != null && artifact != null) {
                        versions.putIfAbsent(group + ":" + artifact, pom.getProperty("version", "?"));
                        found = true;
                    }
                }
            }
        } catch (IOException e) {
            return true; // not a readable jar: the JVM will say so when it loads it; nothing to compare against
        }
        return found;
    }
}
