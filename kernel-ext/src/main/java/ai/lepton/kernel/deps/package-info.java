/**
 * Maven dependency resolution for {@code %maven} and {@code %%loadFromPOM}: Maven Resolver through MIMA, honouring
 * {@code ~/.m2/settings.xml} (mirrors, proxies, offline) and working from the local repository when there is no
 * network. Coordinates or a POM that cannot be read are a {@link ai.lepton.kernel.deps.DependencyException}.
 */
package ai.lepton.kernel.deps;
