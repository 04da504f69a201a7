/**
 * Maven dependency resolution for {@code %maven} and {@code %%loadFromPOM}: Maven Resolver through
 * MIMA, honouring {@code ~/.m2/settings.xml} (mirrors, proxies, offline) and working from the local
 * repository when there is no network.
 */
package ai.lepton.kernel.deps;
