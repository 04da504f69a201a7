package ai.lepton.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.runtime.input.CategoryField;
import ai.lepton.runtime.input.InputException;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.input.TestSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Row files for {@code ./lepton predict}: read strictly as UTF-8, and bounded in nesting. */
class RowFilesTest {

    private static final InputSchema SCHEMA = TestSchemas.classifying(
            TestSchemas.number("x"), new CategoryField("species", "Adelie", List.of("Adelie", "Gentoo"), true, true));

    @Test
    void aByteThatIsNotUtf8IsRefusedNamingTheFileAndLine(@TempDir Path dir) throws Exception {
        byte[] adelie = {'"', 'A', 'd', 'e', 'l', 'i', 'e', (byte) 0xff, '"'};
        for (String name : List.of("rows.jsonl", "rows.csv")) {
            boolean json = name.endsWith(".jsonl");
            Path file = dir.resolve(name);
            Files.write(
                    file,
                    (json ? "{\"x\": 1, \"species\": \"Gentoo\"}\n{\"x\": 2, \"species\": " : "x,species\n2,")
                            .getBytes());
            Files.write(file, adelie, StandardOpenOption.APPEND);
            InputException error = assertThrows(InputException.class, () -> RowFiles.read(file, SCHEMA));
            assertEquals(
                    file + ": byte 0xFF at line 2, column " + (json ? 28 : 10)
                            + " is not UTF-8. Save the file as UTF-8 text.",
                    error.getMessage());
        }
    }

    @Test
    void aJsonLinesRowNestedThousandsDeepIsRefusedNamingTheLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("rows.jsonl"), "{\"x\": 1, \"species\": " + "[".repeat(5000) + "]".repeat(5000) + "}\n");
        InputException error = assertThrows(InputException.class, () -> RowFiles.read(file, SCHEMA));
        assertEquals(
                file + ", line 1: not JSON (it nests deeper than 64 levels (line 1, column 85)).", error.getMessage());
    }
}
