package ai.lepton.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class JvmOptionsTest {

    @Test
    void readsTheArgumentFileWithoutItsComments() {
        assertEquals(List.of("-Da=1", "-Db=2", "--x"), JvmOptions.parse("# why\n-Da=1   # because\n\n  -Db=2 --x\n"));
    }

    @Test
    void theStandardOptionsRunDjlOfflineWithNativeAccess() {
        List<String> options = JvmOptions.standard();
        assertTrue(options.contains("-Dai.djl.offline=true"), options.toString());
        assertTrue(options.contains("--enable-native-access=ALL-UNNAMED"), options.toString());
        assertTrue(options.stream().noneMatch(option -> option.contains("#")), options.toString());
    }

    @Test
    void scriptsFindTheSameFileInTheSourceTree() throws Exception {
        Path source = Path.of("..").resolve(JvmOptions.SOURCE_FILE);
        assertEquals(JvmOptions.standard(), JvmOptions.parse(Files.readString(source)));
    }
}
