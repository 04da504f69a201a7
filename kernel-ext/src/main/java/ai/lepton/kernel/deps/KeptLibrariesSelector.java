package ai.lepton.kernel.deps;

import ai.lepton.kernel.deps.Resolution.Substitution;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.collection.DependencyCollectionContext;
import org.eclipse.aether.collection.DependencySelector;
import org.eclipse.aether.graph.Dependency;

import java.util.Collection;

/**
 * Leaves out of a dependency graph, as Maven collects it, every library the session keeps at its own version, noting
 * the version each was asked at: what the session keeps is never resolved, so asking for another version of it needs
 * neither the network nor the local repository, and its dependencies are the kept version's, already there.
 */
final class KeptLibrariesSelector implements DependencySelector {

    private final SessionLibraries libraries;
    private final Collection<Substitution> kept;

    /** Notes into {@code kept} each library left out at another version than the session's. */
    KeptLibrariesSelector(SessionLibraries libraries, Collection<Substitution> kept) {
        this.libraries = libraries;
        this.kept = kept;
    }

    @Override
    public boolean selectDependency(Dependency dependency) {
        Artifact artifact = dependency.getArtifact();
        return libraries
                .keeping(artifact.getGroupId(), artifact.getArtifactId(), artifact.getVersion())
                .map(keeping -> {
                    if (!keeping.version().equals(artifact.getVersion())) {
                        kept.add(new Substitution(
                                artifact.getGroupId() + ":" + artifact.getArtifactId(),
                                keeping.version(),
                                artifact.getVersion(),
                                keeping.family(),
                                true,
                                keeping.sinceFirstJava()));
                    }
                    return false;
                })
                .orElse(true);
    }

    @Override
    public DependencySelector deriveChildSelector(DependencyCollectionContext context) {
        return this; // the same libraries are kept at every depth
    }
}
