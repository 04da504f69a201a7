package ai.lepton.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads and checks the connection file Jupyter passes to a kernel, with messages that say what is wrong. */
public final class ConnectionFile {

    private static final List<String> PORTS =
            List.of("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port");
    private static final List<String> TEXTS = List.of("ip", "transport", "signature_scheme", "key");

    private ConnectionFile() {}

    public static KernelConnectionProperties read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("connection file " + file + " does not exist. Jupyter passes one as"
                    + " {connection_file}; start the kernel through Jupyter (./lepton notebook) rather than by hand.");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("connection file " + file + " cannot be read: " + e.getMessage());
        }
        JsonObject json;
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new IllegalArgumentException(
                        "connection file " + file + " is not a JSON object. Expected Jupyter's"
                                + " connection info: {\"ip\": ..., \"shell_port\": ..., \"key\": ...}.");
            }
            json = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("connection file " + file + " is not valid JSON: " + e.getMessage());
        }
        for (String port : PORTS) {
            if (!json.has(port)
                    || !json.get(port).isJsonPrimitive()
                    || !json.get(port).getAsJsonPrimitive().isNumber()) {
                throw new IllegalArgumentException(
                        "connection file " + file + " has no numeric \"" + port + "\". Jupyter writes all of " + PORTS
                                + "; regenerate the file by starting the kernel from Jupyter.");
            }
            int value = json.get(port).getAsInt();
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException(
                        "connection file " + file + ": \"" + port + "\" is " + value + ", not a port number.");
            }
        }
        for (String field : TEXTS) {
            if (!json.has(field) || !json.get(field).isJsonPrimitive()) {
                throw new IllegalArgumentException("connection file " + file + " has no \"" + field + "\" text field.");
            }
        }
        return KernelConnectionProperties.parse(text);
    }
}
