package ai.lepton.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.base.Notice;
import ai.lepton.base.Notices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * DESIGN.md §7: the library and the magics tell the user things through one channel, {@code ai.lepton.base.Notices},
 * which a notebook or a test can show its own way; only programs print, because their output is their interface.
 */
class NoticesTest {

    private static final Pattern PRINT = Pattern.compile("System\\s*\\.\\s*(?:out|err)\\s*(?:\\.|::)\\s*print");

    /** Programs whose standard output and error are what their users read: the shell commands and the batch jobs. */
    private static final List<String> PROGRAMS = List.of(
            "src/main/java/ai/lepton/cli/",
            "src/main/java/ai/lepton/slurm/RunJob.java",
            "src/main/java/ai/lepton/sweep/TrialJob.java",
            "src/main/java/ai/lepton/slurm/SlurmJobs.java"); // exitUnlessSharedStore: a batch job's last words

    @Test
    void onlyProgramsPrintTheLibraryAndTheMagicsTellThroughNotices() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> printing = new ArrayList<>();
        for (String module : List.of("src/main/java", "lepton-magics/src/main/java")) {
            try (Stream<Path> files = Files.walk(root.resolve(module))) {
                for (Path file :
                        files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    String name = root.relativize(file).toString();
                    if (PROGRAMS.stream().noneMatch(name::startsWith)
                            && PRINT.matcher(Files.readString(file)).find()) {
                        printing.add(name);
                    }
                }
            }
        }
        assertTrue(Files.isRegularFile(root.resolve("src/main/java/ai/lepton/Lepton.java")), root.toString());
        assertEquals(List.of(), printing, "these print lines of their own instead of using ai.lepton.base.Notices");
    }

    @Test
    void aQueryKeptAsADatasetIsToldAsInformation() {
        List<Notice> told = new ArrayList<>();
        try (Notices.Installed shown = Notices.use(told::add)) {
            SqlCommand.cell("SELECT 1 AS x, 'a' AS y", "--name", "one_row");
        }
        assertEquals(List.of(Notice.info("Kept as dataset one_row (1 rows, 2 columns).")), told);
    }

    @Test
    void whatLoadingRepairedIsAWarningNamingTheDatasetAndTheLine(@TempDir Path dir) throws IOException {
        // a word among 200 numbers: the column stays numeric and the word's cell becomes missing
        String rows = IntStream.range(0, 200)
                .mapToObj(i -> i + "," + (i == 150 ? "oops" : i * 0.5))
                .collect(Collectors.joining("\n", "id,value\n", "\n"));
        Path file = Files.writeString(dir.resolve("measures.csv"), rows);
        List<Notice> told = new ArrayList<>();
        try (Notices.Installed shown = Notices.use(told::add)) {
            LeptonCommands.line("data", "load", file.toString(), "--name", "measures");
        }
        assertEquals(1, told.size(), told.toString());
        assertEquals(Notice.Level.WARNING, told.getFirst().level());
        assertTrue(told.getFirst().text().startsWith("measures: column 'value' is numeric"), told.toString());
        assertTrue(told.getFirst().text().contains("line 152 'oops'"), told.toString());
    }
}
