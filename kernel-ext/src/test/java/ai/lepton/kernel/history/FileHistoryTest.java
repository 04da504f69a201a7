package ai.lepton.kernel.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

class FileHistoryTest {

    @TempDir
    Path dir;

    @Test
    void eachKernelStartIsANewSessionOverTheSameFile() {
        Path file = dir.resolve("h/history.jsonl");
        FileHistory first = new FileHistory(file);
        first.record(1, "int a = 1;");
        first.record(2, "a + 1");
        FileHistory second = new FileHistory(file);
        second.record(1, "var t = 2;");
        List<HistoryEntry> tail = second.lookupTail(10, Set.of());
        assertEquals(
                List.of("int a = 1;", "a + 1", "var t = 2;"),
                tail.stream().map(HistoryEntry::getInput).toList());
        assertEquals(
                List.of(1, 1, 2), tail.stream().map(HistoryEntry::getSession).toList());
        assertEquals(
                List.of("var t = 2;"),
                second.lookupRange(0, 1, 0, Set.of()).stream()
                        .map(HistoryEntry::getInput)
                        .toList());
        assertEquals(
                List.of("a + 1"),
                second.search("a +*", 5, Set.of()).stream()
                        .map(HistoryEntry::getInput)
                        .toList());
    }

    @Test
    void searchTreatsEverythingButStarAndQuestionMarkLiterally() {
        FileHistory history = new FileHistory(dir.resolve("history.jsonl"));
        history.record(1, "list.get(0) + [1]");
        history.record(2, "listXget(0) + [1]");
        history.record(3, "a$b");
        assertEquals(
                List.of("list.get(0) + [1]"),
                history.search("list.get(*", 5, Set.of()).stream()
                        .map(HistoryEntry::getInput)
                        .toList());
        assertEquals(
                List.of("a$b"),
                history.search("a?b", 5, Set.of()).stream()
                        .map(HistoryEntry::getInput)
                        .toList());
        assertEquals(List.of(), history.search("(x", 5, Set.of()), "an unbalanced bracket is text, not a broken regex");
    }

    @Test
    void aTornLastLineFromAKilledKernelIsSkipped() throws IOException {
        Path file = dir.resolve("history.jsonl");
        new FileHistory(file).record(1, "ok");
        Files.writeString(file, "{\"session\": 1, \"cell\": 2, \"inp", StandardOpenOption.APPEND);
        assertEquals(
                List.of("ok"),
                new FileHistory(file)
                        .lookupTail(5, Set.of()).stream()
                                .map(HistoryEntry::getInput)
                                .toList());
    }
}
