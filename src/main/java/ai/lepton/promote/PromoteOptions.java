package ai.lepton.promote;

/**
 * How to promote: the model's name (required), and optionally its version (default: the next minor one),
 * an alias to point at it, and a Maven repository to publish it to.
 *
 * @param name      the model's name in the registry (and its Maven artifact id)
 * @param version   a semantic version, or null for the next
 * @param alias     an alias to move to the new version (staging, production, ...), or null
 * @param publishTo a Maven repository (folder, file: or http(s): URL; "local" for ~/.m2), or null for none
 */
public record PromoteOptions(String name, String version, String alias, String publishTo) {

    public static PromoteOptions named(String name) {
        return new PromoteOptions(name, null, null, null);
    }

    public PromoteOptions withVersion(String version) {
        return new PromoteOptions(name, version, alias, publishTo);
    }

    public PromoteOptions withAlias(String alias) {
        return new PromoteOptions(name, version, alias, publishTo);
    }

    public PromoteOptions withPublication(String repository) {
        return new PromoteOptions(name, version, alias, repository);
    }
}
