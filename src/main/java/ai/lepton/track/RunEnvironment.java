package ai.lepton.track;

import ai.djl.engine.Engine;
import ai.lepton.base.LeptonVersion;
import ai.lepton.base.Setting;
import ai.lepton.base.Settings;
import ai.lepton.base.Sha256;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * What a run ran on, so it can be explained and repeated later: JDK, OS, Lepton and DJL versions, the
 * git commit of the working repository and whether it had uncommitted changes, the notebook and the
 * cells that produced the run, and the environment variables with secrets redacted.
 */
public final class RunEnvironment {

    /** The environment variables' key in a recorded environment. */
    private static final String VARIABLES = "environment_variables";

    /** The notebook cells' key in a recorded environment. */
    private static final String CELLS = "notebook_cells";

    private RunEnvironment() {}

    /** The facts of this process, run from {@code workingDirectory}. */
    public static Map<String, Object> capture(Path workingDirectory) {
        return capture(Setting.Source.system(), workingDirectory, NotebookSource.cells());
    }

    static Map<String, Object> capture(Setting.Source source, Path workingDirectory, List<String> cells) {
        Map<String, String> variables = source.variables();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("jdk", Runtime.version().toString());
        facts.put("jdk_vendor", System.getProperty("java.vendor"));
        facts.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        facts.put("cpus", Runtime.getRuntime().availableProcessors());
        facts.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        facts.put("lepton", LeptonVersion.current());
        facts.put("djl", Engine.getDjlVersion());
        facts.put("working_directory", workingDirectory.toAbsolutePath().toString());
        String commit = git(workingDirectory, "rev-parse", "HEAD");
        if (commit != null) {
            facts.put("git_commit", commit);
            String changes = git(workingDirectory, "status", "--porcelain");
            facts.put("git_dirty", changes != null && !changes.isEmpty());
        }
        String notebook = Settings.NOTEBOOK.read(source);
        if (notebook != null) {
            facts.put("notebook", notebook);
        }
        if (!cells.isEmpty()) {
            List<String> recorded = cells.stream().map(Secrets::redactParts).toList();
            facts.put(CELLS, recorded);
            facts.put(CELLS + "_sha256", cellsSha256(recorded));
        }
        facts.put(VARIABLES, Secrets.redact(variables));
        return facts;
    }

    /**
     * A recorded environment (JSON) with its variables' and cells' secrets redacted as {@link #capture} redacts them
     * now: for runs recorded by an older Lepton. A value that is not a recorded environment is returned as it is.
     */
    static String withSecretsRedacted(String recorded) {
        JsonObject environment;
        try {
            environment = JsonParser.parseString(recorded).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            return recorded;
        }
        boolean changed = false;
        if (environment.get(VARIABLES) instanceof JsonObject variables) {
            for (Map.Entry<String, JsonElement> variable : variables.entrySet()) {
                changed |= redactIn(variable, safe -> Secrets.redact(variable.getKey(), safe));
            }
        }
        if (environment.get(CELLS) instanceof JsonArray cells) {
            boolean cellsChanged = false;
            List<String> recordedCells = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                if (cells.get(i) instanceof JsonPrimitive cell && cell.isString()) {
                    String safe = Secrets.redactParts(cell.getAsString());
                    cellsChanged |= !safe.equals(cell.getAsString());
                    cells.set(i, new JsonPrimitive(safe));
                    recordedCells.add(safe);
                }
            }
            if (cellsChanged) {
                environment.addProperty(CELLS + "_sha256", cellsSha256(recordedCells));
                changed = true;
            }
        }
        return changed ? environment.toString() : recorded;
    }

    /** Sets {@code entry}'s string value to what {@code redact} makes of it; whether that changed it. */
    private static boolean redactIn(Map.Entry<String, JsonElement> entry, UnaryOperator<String> redact) {
        if (entry.getValue() instanceof JsonPrimitive value && value.isString()) {
            String safe = redact.apply(value.getAsString());
            if (!safe.equals(value.getAsString())) {
                entry.setValue(new JsonPrimitive(safe));
                return true;
            }
        }
        return false;
    }

    private static String cellsSha256(List<String> cells) {
        return Sha256.of(String.join("\u0000", cells).getBytes(StandardCharsets.UTF_8))
                .hex();
    }

    /** A git command's trimmed output, or null when there is no git or no repository. */
    private static String git(Path directory, String... arguments) {
        List<String> command =
                new ArrayList<>(List.of("git", "-C", directory.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return new String(output, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
