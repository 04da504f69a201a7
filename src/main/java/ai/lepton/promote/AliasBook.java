package ai.lepton.promote;

import ai.lepton.base.AtomicFiles;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One model's aliases as kept in one folder: {@code aliases.json} (alias → version) and {@code aliases.jsonl} (every
 * move, appended). Moves happen under a file lock, so concurrent moves never lose one.
 */
final class AliasBook {

    private static final String ALIASES = "aliases.json";
    private static final String HISTORY = "aliases.jsonl";
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    /** File locks are per process; this orders the threads of this one. */
    private static final ReentrantLock LOCK = new ReentrantLock();

    private final String model;
    private final Path folder;

    AliasBook(String model, Path folder) {
        this.model = model;
        this.folder = folder;
    }

    Map<String, String> aliases() {
        Path file = folder.resolve(ALIASES);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Map<String, String> aliases =
                    GSON.fromJson(Files.readString(file), new TypeToken<TreeMap<String, String>>() {}.getType());
            return aliases == null ? Map.of() : aliases;
        } catch (IOException | RuntimeException e) {
            throw new PromotionException(
                    "Cannot read the aliases of " + model + " in " + file + ": " + e.getMessage(), e);
        }
    }

    List<AliasChange> history() {
        Path file = folder.resolve(HISTORY);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<AliasChange> changes = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    JsonObject json = JsonParser.parseString(line).getAsJsonObject();
                    changes.add(new AliasChange(
                            json.get("alias").getAsString(),
                            json.get("version").getAsString(),
                            json.has("previous") && !json.get("previous").isJsonNull()
                                    ? json.get("previous").getAsString()
                                    : null,
                            Instant.parse(json.get("at").getAsString()),
                            json.get("by").getAsString()));
                }
            }
            return changes;
        } catch (IOException | RuntimeException e) {
            throw new PromotionException(
                    "Cannot read the alias history of " + model + " in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Points {@code alias} at {@code version} and appends the move to the history. */
    AliasChange move(String alias, String version, String by) {
        LOCK.lock();
        try {
            Files.createDirectories(folder);
            try (FileChannel lockFile = FileChannel.open(
                            folder.resolve(".aliases.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                Map<String, String> aliases = new TreeMap<>(aliases());
                String previous = aliases.put(alias, version);
                AliasChange change = new AliasChange(alias, version, previous, Instant.now(), by);
                JsonObject line = new JsonObject();
                line.addProperty("alias", alias);
                line.addProperty("version", version);
                line.addProperty("previous", previous);
                line.addProperty("at", change.at().toString());
                line.addProperty("by", by);
                Files.writeString(
                        folder.resolve(HISTORY), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                AtomicFiles.write(folder.resolve(ALIASES), GSON.toJson(aliases));
                return change;
            }
        } catch (IOException e) {
            throw new PromotionException(
                    "Cannot move alias " + alias + " of " + model + " in " + folder + ": " + e.getMessage()
                            + (e instanceof AccessDeniedException
                                    ? " (permission denied: ask the registry's administrator)"
                                    : ""),
                    e);
        } finally {
            LOCK.unlock();
        }
    }
}
