package ai.lepton.runtime;

import ai.lepton.runtime.artifact.Artifact;
import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.artifact.ArtifactLimits;
import ai.lepton.runtime.artifact.ArtifactReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A published model's Maven coordinates, {@code group:name:version}. The published jar holds the artifact
 * unchanged as one resource ({@link ArtifactLayout#resource}), so its checksums and signature still hold.
 */
record MavenCoordinates(String group, String name, String version) {

    static boolean matches(String text) {
        return text.matches("[\\w.-]+:[\\w.-]+:[\\w.+-]+");
    }

    static MavenCoordinates parse(String text) {
        String[] parts = text.split(":");
        return new MavenCoordinates(parts[0], parts[1], parts[2]);
    }

    /**
     * The artifact, verified: from the classpath when the jar is a dependency, else from the local Maven repository.
     * {@code verifyKey} and {@code limits} are as {@link ArtifactReader} takes them.
     */
    Artifact read(PublicKey verifyKey, ArtifactLimits limits) {
        String resource = ArtifactLayout.resource(name, version);
        try (InputStream onClasspath = LeptonModel.classpathStream(resource)) {
            if (onClasspath != null) {
                return ArtifactReader.read(onClasspath, toString(), verifyKey, limits);
            }
        } catch (IOException e) {
            throw new ArtifactException("Cannot read classpath resource " + resource + ": " + e.getMessage(), e);
        }
        Path jar = localRepository()
                .resolve(group.replace('.', '/'))
                .resolve(name)
                .resolve(version)
                .resolve(name + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new ArtifactException("Model " + this + " is neither on the classpath (" + resource
                    + ") nor in the local Maven repository (" + jar + "). Add the dependency " + this
                    + ", or publish the model there.");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(resource);
            if (entry == null) {
                throw new ArtifactException(jar + " holds no " + resource + ": it is not a published Lepton model.");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return ArtifactReader.read(in, toString(), verifyKey, limits);
            }
        } catch (IOException e) {
            throw new ArtifactException("Cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    private static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    @Override
    public String toString() {
        return group + ":" + name + ":" + version;
    }
}
