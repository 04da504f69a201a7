package ai.lepton.kernel.deps;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Jars and Maven repository folders made by a test, named as a build or Maven lays them out. */
final class CraftedJars {

    private CraftedJars() {}

    /** {@code folder/artifact-version.jar}, saying its coordinates in pom.properties as Maven-built jars do. */
    static Path named(Path folder, String group, String artifact, String version) throws IOException {
        return jar(
                folder.resolve(artifact + "-" + version + ".jar"),
                "META-INF/maven/" + group + "/" + artifact + "/pom.properties",
                "groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n");
    }

    /** {@code folder/artifact-version.jar} without pom.properties (built with Gradle), its POM beside it or not. */
    static Path bare(Path folder, String group, String artifact, String version, boolean pomBeside) throws IOException {
        Path jar = jar(folder.resolve(artifact + "-" + version + ".jar"), "placeholder.txt", artifact);
        if (pomBeside) {
            Files.writeString(folder.resolve(artifact + "-" + version + ".pom"), pom(group, artifact, version));
        }
        return jar;
    }

    /** {@code group:artifact:version} laid out in the Maven repository {@code repository}, a bare jar and its POM. */
    static Path published(Path repository, String group, String artifact, String version) throws IOException {
        Path folder =
                repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
        Files.createDirectories(folder);
        return bare(folder, group, artifact, version, true);
    }

    static String pom(String group, String artifact, String version) {
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId><version>" + version
                + "</version></project>";
    }

    private static Path jar(Path file, String entry, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }
}
