package ai.lepton.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class ConnectionFileTest {

    private static final String VALID = """
            {"ip": "127.0.0.1", "transport": "tcp", "signature_scheme": "hmac-sha256", "key": "secret",
             "shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005}""";

    @TempDir
    Path dir;

    @Test
    void readsJupytersConnectionInfo() throws IOException {
        KernelConnectionProperties properties = ConnectionFile.read(Files.writeString(dir.resolve("c.json"), VALID));
        assertEquals(5001, properties.getShellPort());
        assertEquals("127.0.0.1", properties.getIp());
    }

    @Test
    void aMissingFileSaysHowTheKernelIsStarted() {
        String message = assertThrows(
                        IllegalArgumentException.class, () -> ConnectionFile.read(dir.resolve("none.json")))
                .getMessage();
        assertTrue(message.contains("does not exist") && message.contains("./lepton notebook"), message);
    }

    @Test
    void invalidJsonIsNamedAsSuch() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"ip\": ");
        String message = assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(file))
                .getMessage();
        assertTrue(message.contains("is not valid JSON"), message);
    }

    @Test
    void aMissingOrBadPortIsNamed() throws IOException {
        Path missing = Files.writeString(dir.resolve("m.json"), VALID.replace("\"hb_port\": 5005", "\"hb\": 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(missing))
                .getMessage()
                .contains("\"hb_port\""));
        Path huge = Files.writeString(dir.resolve("h.json"), VALID.replace("5001", "70000"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(huge))
                .getMessage()
                .contains("not a port number"));
    }

    @Test
    void aNonObjectIsRefused() throws IOException {
        Path array = Files.writeString(dir.resolve("a.json"), "[1, 2]");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConnectionFile.read(array))
                .getMessage()
                .contains("not a JSON object"));
    }
}
