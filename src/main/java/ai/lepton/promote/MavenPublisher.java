package ai.lepton.promote;

import ai.lepton.base.AtomicFiles;
import ai.lepton.base.Settings;
import ai.lepton.runtime.RuntimeVersion;
import ai.lepton.runtime.artifact.ArtifactLayout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Publishes a registered version as the Maven artifact {@code ai.lepton.models:<name>:<version>}: a jar holding
 * the artifact unchanged (so {@code LeptonModel.load("ai.lepton.models:<name>:<version>")} finds it on a service's
 * classpath) and a pom depending on {@code ai.lepton:lepton-runtime}, each with SHA-1 and MD5 files. Into a folder
 * ({@code local} is {@code ~/.m2/repository}) or to an HTTP repository by PUT, with {@code LEPTON_MAVEN_USER} /
 * {@code LEPTON_MAVEN_PASSWORD} for basic authentication.
 */
final class MavenPublisher {

    static final String GROUP = "ai.lepton.models";

    private MavenPublisher() {}

    /** Publishes {@code version} to {@code repository}; returns where it went. */
    static String publish(ModelVersion version, String repository) {
        Map<String, byte[]> files = files(version);
        String base = GROUP.replace('.', '/') + "/" + version.name() + "/" + version.version() + "/";
        if (repository.startsWith("http://") || repository.startsWith("https://")) {
            String root = repository.endsWith("/") ? repository : repository + "/";
            files.forEach((file, bytes) -> put(URI.create(root + base + file), bytes));
            return root;
        }
        Path root = repository.equals("local")
                ? Path.of(System.getProperty("user.home"), ".m2", "repository")
                : repository.startsWith("file:") ? Path.of(URI.create(repository)) : Path.of(repository);
        try {
            Path folder = Files.createDirectories(root.resolve(base));
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                AtomicFiles.write(folder.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new PromotionException(
                    "Cannot publish " + version.reference() + " to the Maven repository " + root + " (" + e.getMessage()
                            + "). The version is registered; publish it again with Lepton.publish(\""
                            + version.reference() + "\", repository).",
                    e);
        }
        return root.toString();
    }

    private static Map<String, byte[]> files(ModelVersion version) {
        String stem = version.name() + "-" + version.version();
        byte[] jar;
        byte[] pom = pom(version).getBytes(StandardCharsets.UTF_8);
        try {
            jar = jar(version);
        } catch (IOException e) {
            throw new PromotionException("Cannot pack " + version.reference() + " for Maven: " + e.getMessage(), e);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file :
                Map.of(stem + ".jar", jar, stem + ".pom", pom).entrySet()) {
            files.put(file.getKey(), file.getValue());
            files.put(file.getKey() + ".sha1", digest("SHA-1", file.getValue()));
            files.put(file.getKey() + ".md5", digest("MD5", file.getValue()));
        }
        return files;
    }

    private static byte[] jar(ModelVersion version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Lepton-Model", version.reference());
        manifest.getMainAttributes().putValue("Lepton-Source-Run", version.runId());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry(ArtifactLayout.resource(version.name(), version.version())));
            jar.write(Files.readAllBytes(version.artifact()));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static String pom(ModelVersion version) {
        String runtime =
                RuntimeVersion.get().contains("$") || RuntimeVersion.get().equals("unknown")
                        ? ""
                        : """
                  <dependencies>
                    <dependency>
                      <groupId>ai.lepton</groupId>
                      <artifactId>lepton-runtime</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                """.formatted(RuntimeVersion.get());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <description>Lepton model promoted from run %s (artifact SHA-256 %s)</description>
                %s</project>
                """.formatted(GROUP, version.name(), version.version(), version.runId(), version.sha256(), runtime);
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance(algorithm).digest(bytes))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    private static void put(URI uri, byte[] bytes) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        String user = Settings.MAVEN_USER.get();
        if (user != null) {
            String password = Settings.MAVEN_PASSWORD.get();
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new PromotionException(
                        "The Maven repository refused PUT " + uri + ": HTTP " + response.statusCode() + " "
                                + response.body() + ". Check the URL and LEPTON_MAVEN_USER / LEPTON_MAVEN_PASSWORD.");
            }
        } catch (IOException e) {
            throw new PromotionException("Cannot reach the Maven repository at " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PromotionException("Publishing was interrupted at " + uri + ".", e);
        }
    }
}
