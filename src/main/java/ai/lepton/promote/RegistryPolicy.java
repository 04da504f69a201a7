package ai.lepton.promote;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Set;
import java.util.TreeSet;

/**
 * A shared registry's rules, from {@code registry.json} in its root (written by {@code environment/team-setup.sh}):
 * which aliases are protected. A protected alias lives in {@code .protected/NAME/} instead of the model's folder; the
 * operating system decides who may write there (the promoters' group), so the rule holds for every program, not only
 * for Lepton. A registry without the file protects nothing.
 *
 * @param protectedAliases the aliases only the promoters may move, e.g. production
 * @param protectedFolder  where those aliases are kept
 */
record RegistryPolicy(Set<String> protectedAliases, Path protectedFolder) {

    static final String FILE = "registry.json";

    RegistryPolicy {
        protectedAliases = Set.copyOf(protectedAliases);
    }

    static RegistryPolicy of(Path root) {
        Path file = root.resolve(FILE);
        Path folder = root.resolve(".protected");
        if (!Files.isRegularFile(file)) {
            return new RegistryPolicy(Set.of(), folder);
        }
        try {
            JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            Set<String> aliases = new TreeSet<>();
            JsonElement listed = json.get("protected_aliases");
            if (listed != null) {
                for (JsonElement alias : (JsonArray) listed) {
                    aliases.add(alias.getAsString());
                }
            }
            return new RegistryPolicy(aliases, folder);
        } catch (IOException | RuntimeException e) {
            throw new PromotionException(
                    "The registry's rules in " + file + " cannot be read (" + e.getMessage() + "). It should hold"
                            + " {\"protected_aliases\": [\"production\"]}; environment/team-setup.sh writes it.",
                    e);
        }
    }

    boolean protects(String alias) {
        return protectedAliases.contains(alias);
    }

    /** Refuses, naming the group that may, unless this process may move protected aliases of {@code model}. */
    void checkMayMove(String model, String alias, String user) {
        if (!Files.isDirectory(protectedFolder)) {
            throw new PromotionException(FILE + " protects the alias '" + alias + "', but " + protectedFolder
                    + " is missing." + " The registry's administrator creates it with environment/team-setup.sh.");
        }
        Path modelFolder = protectedFolder.resolve(model);
        if (!Files.isWritable(protectedFolder) || Files.isDirectory(modelFolder) && !Files.isWritable(modelFolder)) {
            String group = group(protectedFolder);
            throw new PromotionException(
                    "The alias '" + alias + "' is protected in this registry: only members of the group " + group
                            + " may move it, and " + user + " is not one (or " + modelFolder
                            + " is not writable to you). Nothing was changed."
                            + " To release a version anyway, promote it without --alias or with an alias that is not protected (such as staging);"
                            + " a member of " + group + " then moves " + alias + " to it: Lepton.alias(\"" + model
                            + ":VERSION\", \"" + alias + "\").");
        }
    }

    private static String group(Path folder) {
        try {
            return Files.readAttributes(folder, PosixFileAttributes.class)
                    .group()
                    .getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "that owns " + folder;
        }
    }
}
