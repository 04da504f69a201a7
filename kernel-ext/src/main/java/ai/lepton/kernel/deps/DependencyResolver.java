package ai.lepton.kernel.deps;

import ai.lepton.kernel.deps.Resolution.Substitution;
import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.context.Runtimes;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.util.graph.selector.AndDependencySelector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves Maven coordinates, with their runtime dependencies, to the jar files a session does not have yet. What the
 * session keeps at its own version ({@link SessionLibraries#keeping}) is left out unresolved and named; a library of a
 * {@link LibraryFamily} it lacks is resolved at the family's version.
 */
public final class DependencyResolver implements AutoCloseable {

    private final List<RemoteRepository> extraRepositories = new ArrayList<>();
    private final SessionLibraries libraries;
    private final ContextOverrides overrides;

    private Context context;

    /** A resolver for the session whose libraries are {@code libraries}, reading the user's Maven settings. */
    public DependencyResolver(SessionLibraries libraries) {
        this(libraries, ContextOverrides.create().withUserSettings(true).build());
    }

    /** A resolver with its own Maven settings (a test's offline settings and local repository). */
    DependencyResolver(SessionLibraries libraries, ContextOverrides overrides) {
        this.libraries = libraries;
        this.overrides = overrides;
    }

    /**
     * The jars of {@code coordinates} ({@code group:artifact[:extension[:classifier]]:version}) and of everything it
     * needs at run time that the session does not have yet; what it keeps is named, never resolved.
     */
    public synchronized Resolution resolve(String coordinates) {
        Artifact artifact = parse(coordinates);
        String group = artifact.getGroupId();
        String name = group + ":" + artifact.getArtifactId();
        Optional<SessionLibraries.Keeping> keeping =
                libraries.keeping(group, artifact.getArtifactId(), artifact.getVersion());
        if (keeping.isPresent()) {
            SessionLibraries.Keeping kept = keeping.get();
            return kept.version().equals(artifact.getVersion())
                    ? Resolution.none()
                    : new Resolution(
                            List.of(),
                            List.of(new Substitution(
                                    name,
                                    kept.version(),
                                    artifact.getVersion(),
                                    kept.family(),
                                    true,
                                    kept.sinceFirstJava())));
        }
        Set<Substitution> substitutions = Collections.synchronizedSet(new LinkedHashSet<>());
        String asked = coordinates;
        Optional<LibraryFamily> family = libraries.family(group);
        String familyVersion = family.map(libraries::version).orElse(null);
        if (familyVersion != null && !familyVersion.equals(artifact.getVersion())) {
            substitutions.add(new Substitution(name, familyVersion, artifact.getVersion(), family.get(), false, false));
            artifact = artifact.setVersion(familyVersion);
            asked = coordinates + " at " + familyVersion + ", the version of Lepton's "
                    + family.get().name();
        }
        List<Path> jars = artifacts(artifact, asked, substitutions).stream()
                .map(resolved -> resolved.getFile().toPath())
                .toList();
        return new Resolution(jars, List.copyOf(substitutions));
    }

    private static Artifact parse(String coordinates) {
        try {
            return new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw new DependencyException(
                    "'" + coordinates + "' is not Maven coordinates. Write groupId:artifactId:version,"
                            + " for example org.apache.commons:commons-lang3:3.17.0.");
        }
    }

    /** Resolves {@code artifact} ({@code asked}, as a failure names it), noting into {@code kept} what is kept. */
    private List<Artifact> artifacts(Artifact artifact, String asked, Set<Substitution> kept) {
        Context ctx = context();
        List<RemoteRepository> repositories = new ArrayList<>(ctx.remoteRepositories());
        repositories.addAll(extraRepositories);
        DefaultRepositorySystemSession session = new DefaultRepositorySystemSession(ctx.repositorySystemSession());
        session.setDependencySelector(AndDependencySelector.newInstance(
                session.getDependencySelector(), new KeptLibrariesSelector(libraries, kept)));
        CollectRequest collect = new CollectRequest(new Dependency(artifact, "runtime"), repositories);
        try {
            return ctx
                    .repositorySystem()
                    .resolveDependencies(session, new DependencyRequest(collect, null))
                    .getArtifactResults()
                    .stream()
                    .map(ArtifactResult::getArtifact)
                    .toList();
        } catch (DependencyResolutionException e) {
            throw new DependencyException(
                    "Could not resolve " + asked + ": " + rootMessage(e) + "\n"
                            + "Looked in the local repository "
                            + session.getLocalRepository().getBasedir()
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
            context = Runtimes.INSTANCE.getRuntime().create(overrides);
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
