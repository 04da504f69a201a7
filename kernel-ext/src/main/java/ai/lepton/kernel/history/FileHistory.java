package ai.lepton.kernel.history;

import com.google.gson.Gson;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Input history as JSON lines ({@code session}, {@code cell}, {@code input}) appended to one file.
 * Each kernel start is a new session number; the frontend's up-arrow and %history read it back.
 */
public final class FileHistory implements HistoryManager {

    private static final Logger LOG = Logger.getLogger(FileHistory.class.getName());
    private static final Gson GSON = new Gson();
    private static final int KEPT = 10_000;

    private record Line(int session, int cell, String input) {}

    private final Path file;
    private final List<Line> lines = new ArrayList<>();
    private final int session;

    public FileHistory(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try {
                for (String json : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    try {
                        lines.add(GSON.fromJson(json, Line.class));
                    } catch (RuntimeException malformed) {
                        // a torn last line from a killed kernel: skip it, keep the rest
                    }
                }
            } catch (IOException e) {
                LOG.warning("history not read from " + file + ": " + e.getMessage());
            }
        }
        if (lines.size() > KEPT) {
            lines.subList(0, lines.size() - KEPT).clear();
        }
        this.session = lines.isEmpty() ? 1 : lines.getLast().session() + 1;
    }

    /** This kernel start's session number in the file. */
    public int session() {
        return session;
    }

    /** Records the input of cell {@code cell} of this session. */
    public synchronized void record(int cell, String input) {
        Line line = new Line(session, cell, input);
        lines.add(line);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    GSON.toJson(line) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warning("history not written to " + file + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        return lines.subList(Math.max(0, lines.size() - length), lines.size()).stream()
                .map(line -> new HistoryEntry(line.session(), line.cell(), line.input(), null))
                .toList();
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        int wanted = session <= 0 ? this.session + session : session;
        return lines.stream()
                .filter(line -> line.session() == wanted && line.cell() >= start && (stop <= 0 || line.cell() < stop))
                .map(line -> new HistoryEntry(line.session(), line.cell(), line.input(), null))
                .toList();
    }

    /**
     * The last {@code length} inputs matching {@code pattern} (all when {@code length} is 0: the request gave no n); with
     * {@link ResultFlag#UNIQUE}, each input once (its last).
     */
    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern glob = globPattern(pattern);
        List<Line> matching = lines.stream()
                .filter(line -> glob.matcher(line.input()).matches())
                .toList();
        if (flags.contains(ResultFlag.UNIQUE)) {
            Set<String> seen = new HashSet<>();
            List<Line> latest = new ArrayList<>(matching.reversed().stream()
                    .filter(line -> seen.add(line.input()))
                    .toList());
            matching = latest.reversed();
        }
        List<HistoryEntry> found = matching.stream()
                .map(line -> new HistoryEntry(line.session(), line.cell(), line.input(), null))
                .toList();
        return length <= 0 ? found : found.subList(Math.max(0, found.size() - length), found.size());
    }

    /** IPython's history search pattern: {@code *} any text, {@code ?} one character, everything else literal. */
    static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder("(?s)");
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString());
    }
}
