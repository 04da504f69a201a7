package ai.lepton.train.pretrained;

import ai.lepton.base.Settings;
import ai.lepton.train.download.ShownUrl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds what {@code pretrained:} names, the way Python users expect: a path is what it says; a URL is fetched (once,
 * bounded: see {@link PretrainedUrl}) and then read as its local file; a hub id ({@code org/name}) is looked up offline in
 * the Hugging Face cache ({@code models--org--name/snapshots/REV}, the revision that {@code refs/main} names), then in
 * Lepton's catalog of shipped models. Only a URL the user names is downloaded; a hub id never is (yet).
 */
public final class PretrainedLocator {

    /** A TorchScript file's name or path, or a URL's as shown without its query and fragment. */
    private static final Pattern TORCHSCRIPT = Pattern.compile("(?i).*\\.(pt|pth|torchscript)");
    /** A hub id: {@code name} or {@code org/name}, of letters, digits, '-', '_' and '.'. */
    private static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9][\\w.-]*(/[A-Za-z0-9][\\w.-]*)?");

    private PretrainedLocator() {}

    /** The model {@code reference} names; a reference that names nothing says where it looked. */
    public static PretrainedModel resolve(String reference) {
        if (PretrainedUrl.names(reference)) {
            return atPath(reference, PretrainedUrl.parse(reference).fetch());
        }
        Path path = Path.of(reference);
        if (Files.exists(path)) {
            return atPath(reference, path);
        }
        if (HUB_ID.matcher(reference).matches()) {
            Optional<Path> cached = inCache(Settings.HF_HUB_CACHE.get(), reference);
            if (cached.isPresent()) {
                return new PretrainedModel.HuggingFace(
                        reference,
                        HuggingFaceFolder.open(cached.get()),
                        "the Hugging Face cache (" + cached.get() + ")");
            }
            Optional<HuggingFaceFolder> shipped = ModelCatalog.find(reference);
            if (shipped.isPresent()) {
                return new PretrainedModel.HuggingFace(reference, shipped.get(), "Lepton's catalog");
            }
        }
        throw new PretrainedException("pretrained: no model '" + reference + "' is here. Lepton looked for a file or"
                + " folder of that name (from " + Path.of("").toAbsolutePath() + "), in the Hugging Face cache "
                + Settings.HF_HUB_CACHE.get()
                + " (set HF_HUB_CACHE or HF_HOME to look elsewhere) and in the models"
                + " Lepton ships (" + String.join(", ", ModelCatalog.hubIds())
                + "). A hub id is not downloaded: copy the model's folder (config.json, model.safetensors,"
                + " tokenizer.json) or cache here, use a shipped one, or name a URL of a Lepton model archive.");
    }

    /**
     * Whether {@code reference} names a TorchScript file or URL (by its extension: .pt, .pth, .torchscript). A URL's
     * query or {@code #sha256=} fragment may follow the name; a path is taken as it is ({@code run#3/model.pt}).
     */
    public static boolean namesTorchScript(String reference) {
        if (reference == null) {
            return false;
        }
        return TORCHSCRIPT
                .matcher(PretrainedUrl.names(reference) ? ShownUrl.of(reference) : reference)
                .matches();
    }

    /**
     * Refuses a value that must not be recorded with a run, before it is: a URL that holds credentials
     * ({@code https://user:token@host/...}), which the whole team would read in the run's parameters and lineage.
     *
     * @throws PretrainedException saying why, and what to give instead
     */
    public static void checkRecordable(String reference) {
        PretrainedUrl.refuseCredentials(reference);
    }

    private static PretrainedModel atPath(String reference, Path path) {
        if (Files.isRegularFile(path) && namesTorchScript(path.getFileName().toString())) {
            return new PretrainedModel.TorchScript(reference, path);
        }
        if (Files.isDirectory(path)) {
            boolean huggingFace = Stream.of(
                            HuggingFaceFolder.CONFIG, HuggingFaceFolder.WEIGHTS, HuggingFaceFolder.TOKENIZER)
                    .anyMatch(file -> Files.exists(path.resolve(file)));
            if (huggingFace) {
                return new PretrainedModel.HuggingFace(reference, HuggingFaceFolder.open(path), path.toString());
            }
            if (!Files.exists(path.resolve("architecture.json")) && !Files.exists(path.resolve("model-0000.params"))) {
                throw new PretrainedException("pretrained: the folder " + path + " holds no model: a Hugging Face model"
                        + " has config.json, model.safetensors and tokenizer.json; a Lepton model model-0000.params and"
                        + " architecture.json.");
            }
        }
        return new PretrainedModel.Lepton(reference, path); // a Lepton folder or archive, which DJL opens
    }

    /**
     * The snapshot of {@code hubId} in the Hugging Face cache {@code cache}: the revision {@code refs/main} names, else
     * the newest snapshot with a config.json.
     */
    static Optional<Path> inCache(Path cache, String hubId) {
        Path model = cache.resolve("models--" + hubId.replace("/", "--"));
        Path snapshots = model.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return Optional.empty();
        }
        try {
            Path main = model.resolve("refs").resolve("main");
            if (Files.isRegularFile(main)) {
                Path named = snapshots.resolve(Files.readString(main).strip());
                if (Files.isDirectory(named)) {
                    return Optional.of(named);
                }
            }
            try (Stream<Path> revisions = Files.list(snapshots)) {
                return revisions
                        .filter(revision -> Files.isRegularFile(revision.resolve(HuggingFaceFolder.CONFIG)))
                        .max(Comparator.comparing(PretrainedLocator::modified));
            }
        } catch (IOException e) {
            throw new PretrainedException("Cannot read the Hugging Face cache at " + model + ": " + e.getMessage(), e);
        }
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** A model found offline: its hub id and where it is. */
    public record Found(String hubId, Path folder, String where) {}

    /** Every BERT-family model found offline: in the Hugging Face cache (those with a config.json), then shipped. */
    public static List<Found> offline() {
        List<Found> found = new ArrayList<>();
        Path cache = Settings.HF_HUB_CACHE.get();
        if (Files.isDirectory(cache)) {
            try (Stream<Path> models = Files.list(cache)) {
                for (Path model : models.sorted().toList()) {
                    String name = model.getFileName().toString();
                    if (name.startsWith("models--")) {
                        String hubId = name.substring("models--".length()).replace("--", "/");
                        inCache(cache, hubId)
                                .ifPresent(folder -> found.add(new Found(hubId, folder, "Hugging Face cache")));
                    }
                }
            } catch (IOException e) {
                throw new PretrainedException("Cannot list the Hugging Face cache at " + cache + ": " + e.getMessage());
            }
        }
        for (String hubId : ModelCatalog.hubIds()) {
            found.add(new Found(hubId, ModelCatalog.root().resolve(hubId), "shipped with Lepton"));
        }
        return found;
    }
}
