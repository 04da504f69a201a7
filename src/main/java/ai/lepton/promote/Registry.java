package ai.lepton.promote;

import ai.lepton.base.AtomicFiles;
import ai.lepton.base.LeptonUser;
import ai.lepton.base.Settings;
import ai.lepton.base.Sha256;
import ai.lepton.base.Suggestions;
import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.artifact.ArtifactChangedException;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The model registry: a folder ({@code LEPTON_REGISTRY}, default {@code LEPTON_HOME/registry}; a shared folder
 * serves a team) holding, per model, one folder per version with its artifact and {@code entry.json}, the aliases
 * ({@code aliases.json}) and their history ({@code aliases.jsonl}).
 *
 * <p>Nothing is ever half-written. A version is claimed by creating its folder (atomic: two promotions at once
 * get distinct versions), filled through temporary files renamed into place, and exists only once its
 * {@code entry.json} is there, and its files are then read-only. Aliases move under a file lock, so concurrent moves never
 * lose one ({@link AliasBook}). A team's registry protects some aliases ({@link RegistryPolicy}).
 */
public final class Registry {

    private static final String ENTRY = "entry.json";
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    /** A registered version is never rewritten: its files and folder become read-only (the owner alone could undo it). */
    private static final Set<PosixFilePermission> READ_ONLY_FILE = PosixFilePermissions.fromString("r--r--r--");

    private static final Set<PosixFilePermission> READ_ONLY_FOLDER = PosixFilePermissions.fromString("r-xr-xr-x");

    private final Path root;

    private Registry(Path root) {
        this.root = root;
    }

    /** The registry at {@code LEPTON_REGISTRY}, or {@code LEPTON_HOME/registry}. */
    public static Registry open() {
        return at(Settings.REGISTRY.get());
    }

    public static Registry at(Path root) {
        return new Registry(root.toAbsolutePath());
    }

    public Path root() {
        return root;
    }

    /** The registered models' names, sorted. */
    public List<String> models() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(Files::isDirectory)
                    .map(folder -> folder.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && !versions(name).isEmpty())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new PromotionException("Cannot list the registry " + root + ": " + e.getMessage(), e);
        }
    }

    /** The complete versions of {@code name}, oldest first (a version still being written, or abandoned, is not one). */
    public List<ModelVersion> versions(String name) {
        Path folder = root.resolve(ModelNames.checked(name));
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(folder)) {
            return versions.filter(path -> Files.isRegularFile(path.resolve(ENTRY)))
                    .map(path -> readEntry(path.resolve(ENTRY)))
                    .sorted(Comparator.comparing(version -> SemanticVersion.parse(version.version())))
                    .toList();
        } catch (IOException e) {
            throw new PromotionException(
                    "Cannot list the versions of " + name + " in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * The version a reference names: {@code name} (the latest), {@code name:1.2.0}, or {@code name@alias}. An unknown
     * name, version or alias is an error listing what exists.
     */
    public ModelVersion resolve(String reference) {
        int at = reference.indexOf('@');
        int colon = reference.indexOf(':');
        String name = at >= 0 ? reference.substring(0, at) : colon >= 0 ? reference.substring(0, colon) : reference;
        List<ModelVersion> versions = versions(name);
        if (versions.isEmpty()) {
            throw new PromotionException("No model named '" + name + "' in the registry " + root + "."
                    + Suggestions.didYouMean("", name, models())
                    + (models().isEmpty()
                            ? " It is empty: promote a run first."
                            : " Models: " + String.join(", ", models()) + "."));
        }
        String version = at >= 0
                ? aliases(name).get(reference.substring(at + 1))
                : colon >= 0
                        ? reference.substring(colon + 1)
                        : versions.getLast().version();
        if (version == null) {
            throw new PromotionException("Model " + name + " has no alias '" + reference.substring(at + 1) + "'."
                    + Suggestions.didYouMean(
                            "@", reference.substring(at + 1), aliases(name).keySet()) + " Aliases: "
                    + (aliases(name).isEmpty() ? "none" : aliases(name).toString()) + ".");
        }
        return versions.stream()
                .filter(v -> v.version().equals(version))
                .findFirst()
                .orElseThrow(() -> new PromotionException("Model " + name + " has no version " + version + "."
                        + Suggestions.didYouMean(
                                ":",
                                version,
                                versions.stream().map(ModelVersion::version).toList())
                        + " Versions: "
                        + String.join(
                                ", ",
                                versions.stream().map(ModelVersion::version).toList()) + "."));
    }

    /** Whether {@code reference} ({@code name}, {@code name:1.2.0} or {@code name@alias}) names a registered version. */
    public boolean exists(String reference) {
        try {
            resolve(reference);
            return true;
        } catch (PromotionException unknown) {
            return false;
        }
    }

    /**
     * Loads a registered version with the runtime, checking the whole file against the SHA-256 the registry recorded
     * at promotion (the runtime then checks every entry). The file is read once: the bytes checked are the bytes
     * loaded, even if the file is replaced meanwhile.
     */
    public LeptonModel load(String reference) {
        ModelVersion version = resolve(reference);
        Sha256 registered;
        try {
            registered = new Sha256(version.sha256());
        } catch (IllegalArgumentException e) {
            throw new PromotionException(
                    "The registry entry of " + version.reference() + " records the SHA-256 '"
                            + version.sha256() + "', which is not one. Restore its entry.json from a backup, or promote"
                            + " again.",
                    e);
        }
        try {
            return LeptonModel.load(version.artifact(), registered);
        } catch (ArtifactChangedException e) {
            throw new PromotionException(
                    "Registry check failed for " + version.reference() + ": " + version.artifact()
                            + " has SHA-256 " + e.actual() + " but was registered as " + registered
                            + ". The file changed after promotion; restore it or promote again.",
                    e);
        }
    }

    /** Alias to version for {@code name}; a protected alias is read only from where the promoters keep it. */
    public Map<String, String> aliases(String name) {
        RegistryPolicy policy = policy();
        Map<String, String> aliases = new TreeMap<>(aliasBook(name).aliases());
        aliases.keySet().removeIf(policy::protects);
        aliases.putAll(protectedBook(name, policy).aliases());
        return aliases;
    }

    /** Every move of {@code name}'s aliases, oldest first. */
    public List<AliasChange> aliasHistory(String name) {
        RegistryPolicy policy = policy();
        List<AliasChange> changes = new ArrayList<>(aliasBook(name).history().stream()
                .filter(change -> !policy.protects(change.alias()))
                .toList());
        changes.addAll(protectedBook(name, policy).history());
        changes.sort(Comparator.comparing(AliasChange::at));
        return changes;
    }

    /**
     * Points {@code alias} of {@code name} at {@code version} (which must exist) and records the move. A protected alias
     * moves only for members of the promoters' group; see {@link RegistryPolicy}.
     */
    public AliasChange moveAlias(String name, String alias, String version) {
        RegistryPolicy policy = policy();
        checkMayMove(name, alias, policy);
        resolve(name + ":" + version);
        return (policy.protects(alias) ? protectedBook(name, policy) : aliasBook(name))
                .move(alias, version, LeptonUser.name());
    }

    /** Refuses, before anything is written, when this user may not move {@code alias} of {@code name}. */
    public void checkMayMove(String name, String alias) {
        checkMayMove(name, alias, policy());
    }

    private static void checkMayMove(String name, String alias, RegistryPolicy policy) {
        ModelNames.checkAlias(alias);
        if (policy.protects(alias)) {
            policy.checkMayMove(ModelNames.checked(name), alias, LeptonUser.name());
        }
    }

    private RegistryPolicy policy() {
        return RegistryPolicy.of(root);
    }

    private AliasBook aliasBook(String name) {
        return new AliasBook(name, root.resolve(ModelNames.checked(name)));
    }

    private static AliasBook protectedBook(String name, RegistryPolicy policy) {
        return new AliasBook(name, policy.protectedFolder().resolve(ModelNames.checked(name)));
    }

    /**
     * Claims a version of {@code name}: {@code version}, or when null the next minor version after the highest
     * ever claimed (1.0.0 first). The claim is exclusive; close the draft without committing to give it up.
     */
    Draft claim(String name, String version) {
        Path folder = root.resolve(ModelNames.checked(name));
        try {
            Files.createDirectories(folder);
            if (version != null) {
                SemanticVersion.parse(version);
                try {
                    return new Draft(name, version, Files.createDirectory(folder.resolve(version)));
                } catch (FileAlreadyExistsException e) {
                    ModelVersion existing = versions(name).stream()
                            .filter(v -> v.version().equals(version))
                            .findFirst()
                            .orElse(null);
                    throw new PromotionException("Model " + name + " already has version " + version
                            + (existing == null
                                    ? " (being written by another promotion)"
                                    : " (promoted from run " + existing.runId() + " on " + existing.created() + ")")
                            + ". Versions are never overwritten: choose another, or leave --version out for the"
                            + " next (" + next(folder) + ").");
                }
            }
            while (true) { // another promotion may claim the same next version first: then take the one after
                try {
                    String next = next(folder).toString();
                    return new Draft(name, next, Files.createDirectory(folder.resolve(next)));
                } catch (FileAlreadyExistsException e) {
                    // claimed meanwhile; look again
                }
            }
        } catch (IOException e) {
            throw new PromotionException(
                    "Cannot write to the registry " + root + " (" + e.getMessage() + "). Check that LEPTON_REGISTRY"
                            + " is a folder you may write to.",
                    e);
        }
    }

    /** The next minor version after every version folder, complete or not: an abandoned number is never reused. */
    private static SemanticVersion next(Path folder) throws IOException {
        try (Stream<Path> versions = Files.list(folder)) {
            return versions.map(path -> path.getFileName().toString())
                    .filter(SemanticVersion::isValid)
                    .map(SemanticVersion::parse)
                    .max(Comparator.naturalOrder())
                    .map(SemanticVersion::nextMinor)
                    .orElse(new SemanticVersion(1, 0, 0, null));
        }
    }

    private static ModelVersion readEntry(Path file) {
        try {
            JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            Map<String, Double> metrics = new LinkedHashMap<>();
            json.getAsJsonObject("metrics")
                    .entrySet()
                    .forEach(metric ->
                            metrics.put(metric.getKey(), metric.getValue().getAsDouble()));
            String name = json.get("name").getAsString();
            String version = json.get("version").getAsString();
            return new ModelVersion(
                    name,
                    version,
                    Instant.parse(json.get("created").getAsString()),
                    json.get("run_id").getAsString(),
                    json.get("run_name").getAsString(),
                    json.get("sha256").getAsString(),
                    json.get("bytes").getAsLong(),
                    metrics,
                    json.get("promoted_by").getAsString(),
                    file.resolveSibling(artifactFileName(name, version)));
        } catch (IOException | RuntimeException e) {
            throw new PromotionException(
                    "The registry entry " + file + " cannot be read (" + e.getMessage() + "). Restore it from a backup,"
                            + " or remove its version folder.",
                    e);
        }
    }

    static String artifactFileName(String name, String version) {
        return name + "-" + version + ai.lepton.runtime.artifact.ArtifactLayout.EXTENSION;
    }

    /** A claimed, not yet registered version: stage the artifact, then commit, or close to give the claim up. */
    final class Draft implements AutoCloseable {
        private final String name;
        private final String version;
        private final Path folder;
        private boolean committed;

        private Draft(String name, String version, Path folder) {
            this.name = name;
            this.version = version;
            this.folder = folder;
        }

        String version() {
            return version;
        }

        /** Writes the artifact into the version's folder; the version is still not registered. */
        Path stage(byte[] artifact) {
            Path file = folder.resolve(artifactFileName(name, version));
            try {
                AtomicFiles.write(file, artifact);
            } catch (IOException e) {
                throw new PromotionException(
                        "Cannot write the artifact to " + file + " (" + e.getMessage() + "; is the disk full?).", e);
            }
            return file;
        }

        /** Registers the staged version: from now on it is listed and can be loaded. */
        ModelVersion commit(String runId, String runName, String sha256, long bytes, Map<String, Double> metrics) {
            JsonObject entry = new JsonObject();
            entry.addProperty("name", name);
            entry.addProperty("version", version);
            entry.addProperty("created", Instant.now().toString());
            entry.addProperty("run_id", runId);
            entry.addProperty("run_name", runName);
            entry.addProperty("sha256", sha256);
            entry.addProperty("bytes", bytes);
            JsonObject metricValues = new JsonObject();
            metrics.forEach((metric, value) -> {
                if (Double.isFinite(value)) {
                    metricValues.addProperty(metric, value);
                }
            });
            entry.add("metrics", metricValues);
            entry.addProperty("promoted_by", LeptonUser.name());
            try {
                Files.setPosixFilePermissions(folder.resolve(artifactFileName(name, version)), READ_ONLY_FILE);
                AtomicFiles.write(folder.resolve(ENTRY), GSON.toJson(entry));
                Files.setPosixFilePermissions(folder.resolve(ENTRY), READ_ONLY_FILE);
                Files.setPosixFilePermissions(folder, READ_ONLY_FOLDER);
            } catch (IOException e) {
                throw new PromotionException(
                        "Cannot register " + name + " " + version + " in " + folder + ": " + e.getMessage(), e);
            }
            committed = true;
            return readEntry(folder.resolve(ENTRY));
        }

        /** Gives the claim up unless committed: the folder and anything staged go. */
        @Override
        public void close() {
            if (committed) {
                return;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                // an incomplete version folder has no entry.json: it is never listed, and its number is never reused
            }
        }
    }
}
