package ai.lepton.kernel.deps;

import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.context.Runtimes;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Resolves Maven coordinates, with their runtime dependencies, to the jar files a session does not have yet. A library
 * already on the session's classpath (Lepton ships DJL, Tablesaw, XChart, Smile, Gson, ...) keeps its version there:
 * two versions of one library on one classpath break both.
 */
public final class DependencyResolver implements AutoCloseable {

    private final List<RemoteRepository> extraRepositories = new ArrayList<>();
    private final List<String> sessionClasspath;
    /** What the session's classpath has: read on first use. */
    private ClasspathLibraries shipped;
    /** {@code group:artifact} to version of what earlier resolutions added. */
    private final Map<String, String> added = new HashMap<>();

    private Context context;

    /** A resolver for a session started with {@code sessionClasspath}. */
    public DependencyResolver(List<String> sessionClasspath) {
        this.sessionClasspath = List.copyOf(sessionClasspath);
    }

    /**
     * The jars of {@code coordinates} ({@code group:artifact[:extension[:classifier]]:version}) and of everything it
     * needs at run time that the session does not have yet; what it has is kept and named.
     */
    public synchronized Resolution resolve(String coordinates) {
        if (shipped == null) {
            shipped = ClasspathLibraries.of(sessionClasspath);
        }
        List<Path> jars = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Artifact jar : artifacts(coordinates)) {
            String key = jar.getGroupId() + ":" + jar.getArtifactId();
            String had =
                    added.containsKey(key) ? added.get(key) : shipped.version(jar.getGroupId(), jar.getArtifactId());
            if (had == null) {
                added.put(key, jar.getVersion());
                jars.add(jar.getFile().toPath());
            } else if (!had.equals(jar.getVersion())) {
                kept.add(key + " " + had + " (asked for " + jar.getVersion() + ")");
            }
        }
        return new Resolution(jars, kept);
    }

    private List<Artifact> artifacts(String coordinates) {
        DefaultArtifact artifact;
        try {
            artifact = new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw new DependencyException(
                    "'" + coordinates + "' is not Maven coordinates. Write groupId:artifactId:version,"
                            + " for example org.apache.commons:commons-lang3:3.17.0.");
        }
        Context ctx = context();
        List<RemoteRepository> repositories = new ArrayList<>(ctx.remoteRepositories());
        repositories.addAll(extraRepositories);
        CollectRequest collect = new CollectRequest(new Dependency(artifact, "runtime"), repositories);
        try {
            return ctx
                    .repositorySystem()
                    .resolveDependencies(ctx.repositorySystemSession(), new DependencyRequest(collect, null))
                    .getArtifactResults()
                    .stream()
                    .map(ArtifactResult::getArtifact)
                    .toList();
        } catch (DependencyResolutionException e) {
            throw new DependencyException(
                    "Could not resolve " + coordinates + ": " + rootMessage(e) + "\n"
                            + "Looked in the local repository "
                            + ctx.repositorySystemSession().getLocalRepository().getBasedir()
                            + " and in "
                            + repositories.stream()
                                    .map(r -> r.getId() + " (" + r.getUrl() + ")")
                                    .collect(Collectors.joining(", "))
                            + ".\nCheck the coordinates; without a network only artifacts already in the local repository can be used;"
                            + " add a repository with %mavenRepo ID URL.",
                    e);
        }
    }

    /** Adds a remote repository for later resolutions. */
    public synchronized void addRepository(String id, String url) {
        if (!url.matches("(?i)(https?|file)://.+")) {
            throw new DependencyException("Repository URL '" + url + "' must start with https://, http:// or file://.");
        }
        extraRepositories.removeIf(repository -> repository.getId().equals(id));
        extraRepositories.add(new RemoteRepository.Builder(id, "default", url).build());
    }

    private Context context() {
        if (context == null) {
            // Settings are read once per kernel: mirrors, proxies, the local repository and offline mode.
            context = Runtimes.INSTANCE
                    .getRuntime()
                    .create(ContextOverrides.create().withUserSettings(true).build());
        }
        return context;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            context.close();
        }
    }
}
