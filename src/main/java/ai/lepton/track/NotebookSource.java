package ai.lepton.track;

import ai.lepton.base.Settings;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cells this kernel session ran so far, read from the kernel's history file (the kernel records
 * each cell before running it and tells the session JVM the file and its session number). Notebooks
 * lose this link in other trackers: a run records the source that produced it.
 */
final class NotebookSource {

    private NotebookSource() {}

    /** The sources of this session's cells in order, or an empty list outside a Lepton kernel. */
    static List<String> cells() {
        Path file = Settings.HISTORY.get();
        Integer session = Settings.HISTORY_SESSION.get();
        if (file == null || session == null) {
            return List.of();
        }
        return cells(file, session);
    }

    static List<String> cells(Path history, int session) {
        List<String> cells = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(history, StandardCharsets.UTF_8)) {
                try {
                    JsonObject entry = JsonParser.parseString(line).getAsJsonObject();
                    if (entry.get("session").getAsInt() == session) {
                        cells.add(entry.get("input").getAsString());
                    }
                } catch (RuntimeException tornLine) {
                    // a line cut short by a killed kernel holds nothing usable
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return cells;
    }
}
