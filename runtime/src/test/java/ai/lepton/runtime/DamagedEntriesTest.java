package ai.lepton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.base.JvmOptions;
import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.artifact.ArtifactWriter;
import ai.lepton.runtime.cli.RuntimeMain;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A manifest or schema whose fields have the wrong JSON types (promoted by a broken tool, edited by hand, crafted) is a
 * damaged artifact: refused with a sentence naming the entry and the field, never a cast or Gson exception, and the
 * command line exits 2 as for every damaged artifact.
 */
class DamagedEntriesTest {

    private static Map<String, byte[]> entries;
    private static JsonObject manifest;

    @BeforeAll
    static void build() throws Exception {
        entries = TinyArtifact.entries("2.7.1");
        manifest = JsonParser.parseString(new String(entries.get(ArtifactLayout.MANIFEST), StandardCharsets.UTF_8))
                .getAsJsonObject();
    }

    /** The tiny artifact, entry {@code entry} being {@code text}, with checksums that match: only the content is wrong. */
    private static byte[] with(String entry, String text) {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put(entry, text.getBytes(StandardCharsets.UTF_8));
        return ArtifactWriter.write(changed, null);
    }

    private static byte[] withManifest(String text) {
        return with(ArtifactLayout.MANIFEST, text);
    }

    /** The manifest with {@code field} set to the JSON {@code json}, or removed when it is null. */
    private static String withField(String field, String json) {
        JsonObject changed = manifest.deepCopy();
        if (json == null) {
            changed.remove(field);
        } else {
            changed.add(field, JsonParser.parseString(json));
        }
        return changed.toString();
    }

    private static String refusal(byte[] artifact) {
        return assertThrows(
                        ArtifactException.class,
                        () -> LeptonModel.load(artifact, "damaged.lepton", null).close())
                .getMessage();
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '`',
            value = {
                "format | {} => field 'format' is an object, not a string",
                "format | 7 => field 'format' is the value 7, not a string",
                "name | null => field 'name' is null, not a string",
                "name | => field 'name' is missing",
                "version | [] => field 'version' is an array, not a string",
                "engine | 5 => field 'engine' is the value 5, not an object",
                "engine | {\"name\": \"PyTorch\", \"version\": {}} => field 'engine.version' is an object, not a string",
                "precision | 8 => field 'precision' is the value 8, not a string",
                "precision | \"int4\" => field 'precision' is 'int4', and this runtime knows [fp32, fp16, int8]"
            })
    void aFieldOfTheWrongTypeIsRefusedNamingTheEntryAndTheField(String change, String problem) {
        String[] parts = change.split(" \\| ?", 2);
        String json = parts.length < 2 || parts[1].isBlank() ? null : parts[1];
        String message = refusal(withManifest(withField(parts[0].strip(), json)));
        assertEquals(
                "damaged.lepton: entry manifest.json is damaged: " + problem
                        + ". Use the registry's copy, or promote the run again.",
                message);
    }

    @Test
    void aManifestThatIsNotAJsonObjectIsRefusedAsDamaged() {
        assertTrue(refusal(withManifest("[1, 2]"))
                .contains("entry manifest.json is damaged: it holds an array, not a JSON object"));
        assertTrue(
                refusal(withManifest("{\"name\": ")).contains("entry manifest.json is damaged: it is not valid JSON"));
        String deep = "{\"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        String nested = refusal(withManifest(deep));
        assertEquals(
                "damaged.lepton: entry manifest.json is damaged: it is not valid JSON, it nests deeper than 64 levels"
                        + " (line 1, column 71). Use the registry's copy, or promote the run again.",
                nested);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '`',
            value = {
                "labels | [1] => field 'labels[0]' is the value 1, not a string",
                "fields | {} => field 'fields' is an object, not an array",
                "task | null => field 'task' is null, not a string"
            })
    void aSchemaFieldOfTheWrongTypeIsRefusedNamingIt(String change, String problem) {
        String[] parts = change.split(" \\| ", 2);
        JsonObject schema = JsonParser.parseString(TinyArtifact.SCHEMA.toJson()).getAsJsonObject();
        schema.add(parts[0], JsonParser.parseString(parts[1]));
        assertEquals(
                "damaged.lepton: entry schema.json is damaged: " + problem
                        + ". Use the registry's copy, or promote the run again.",
                refusal(with(ArtifactLayout.SCHEMA, schema.toString())));
    }

    @Test
    void aSchemaFieldsOwnFieldOfTheWrongTypeIsRefusedNamingItsPlace() {
        JsonObject schema = JsonParser.parseString(TinyArtifact.SCHEMA.toJson()).getAsJsonObject();
        schema.getAsJsonArray("fields").get(0).getAsJsonObject().addProperty("fill", "half");
        schema.getAsJsonArray("fields").get(2).getAsJsonObject().add("categories", new JsonObject());
        String message = refusal(with(ArtifactLayout.SCHEMA, schema.toString()));
        assertTrue(message.contains("field 'fields[0].fill' is the string \"half\", not a number"), message);
        schema.getAsJsonArray("fields").get(0).getAsJsonObject().addProperty("fill", "NaN"); // as Gson writes NaN
        message = refusal(with(ArtifactLayout.SCHEMA, schema.toString()));
        assertTrue(message.contains("field 'fields[2].categories' is an object, not an array"), message);
    }

    @Test
    void anArchitectureFieldOfTheWrongTypeIsRefusedNamingIt() {
        String architecture = new String(entries.get(ArtifactLayout.ARCHITECTURE), StandardCharsets.UTF_8);
        JsonObject changed = JsonParser.parseString(architecture).getAsJsonObject();
        changed.add("family", new JsonObject());
        assertEquals(
                "damaged.lepton: entry model/architecture.json is damaged: field 'family' is an object, not a string."
                        + " Use the registry's copy, or promote the run again.",
                refusal(with(ArtifactLayout.ARCHITECTURE, changed.toString())));
        changed.addProperty("family", "mlp");
        changed.addProperty("hidden", 4);
        String message = refusal(with(ArtifactLayout.ARCHITECTURE, changed.toString()));
        assertTrue(
                message.startsWith(
                        "damaged.lepton: entry model/architecture.json is damaged: field 'hidden' is a number,"
                                + " not an array."),
                message);
    }

    @Test
    void anotherFormatIsStillRefusedAsAFormatTheRuntimeDoesNotRead() {
        String message = refusal(withManifest(withField("format", "\"lepton-artifact/2\"")));
        assertTrue(
                message.startsWith("Format check failed for damaged.lepton: entry manifest.json says format"
                        + " lepton-artifact/2"),
                message);
    }

    @Test
    void theCommandLineExitsTwoWithTheSentenceForADamagedManifest(@TempDir Path folder) throws Exception {
        Path artifact = Files.write(folder.resolve("damaged.lepton"), withManifest(withField("format", "{}")));
        List<String> command = new ArrayList<>(JvmOptions.javaCommand());
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                RuntimeMain.class.getName(),
                "info",
                artifact.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), said);
        assertTrue(
                said.contains("lepton: " + artifact + ": entry manifest.json is damaged: field 'format' is an"
                        + " object, not a string."),
                said);
        assertFalse(said.contains("Exception"), said);
    }
}
