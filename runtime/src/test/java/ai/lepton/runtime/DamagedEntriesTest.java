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
import ai.lepton.runtime.model.Architecture;
import ai.lepton.runtime.weights.Precision;
import ai.lepton.runtime.weights.Quantization;
import ai.lepton.runtime.weights.Tensor;
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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
                "precision | \"int4\" => field 'precision' is 'int4', and this runtime knows [fp32, fp16, int8]",
                "created | \"yesterday\" => field 'created' is 'yesterday', not a time such as 2026-12-07T17:58:15Z",
                "promoted_by | {} => field 'promoted_by' is an object, not a string",
                "source_run | {\"run_id\": 7} => field 'source_run.run_id' is the value 7, not a string",
                "metrics | {\"test_accuracy\": \"high\"} => field 'metrics.test_accuracy' is the string \"high\","
                        + " not a number",
                "compression | {\"weights_bytes\": \"744\"} => field 'compression.weights_bytes' is the string"
                        + " \"744\", not a number",
                "heldout_rows | -3 => field 'heldout_rows' is -3.0, not a whole number from 0 to 2147483647",
                "feature_importance | [] => field 'feature_importance' is an array, not an object",
                "params | {\"lr\": 0.1} => field 'params.lr' is the value 0.1, not a string",
                "lineage | {\"labels\": [1]} => field 'lineage.labels[0]' is the value 1, not a string",
                "environment | {\"git_dirty\": \"yes\"} => field 'environment.git_dirty' is the string \"yes\", not"
                        + " true or false",
                "dependencies | \"2.7.1\" => field 'dependencies' is the string \"2.7.1\", not an object"
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
    void aManifestThatIsNotAJsonObjectIsRefusedAsDamaged() throws Exception {
        assertTrue(refusal(withManifest("[1, 2]"))
                .contains("entry manifest.json is damaged: it holds an array, not a JSON object"));
        assertTrue(
                refusal(withManifest("{\"name\": ")).contains("entry manifest.json is damaged: it is not valid JSON"));
        String deep = "{\"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertTrue(refusal(withManifest(deep)).contains("times its compressed size"), "unsigned, it inflates too far");
        KeyPair signer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair(); // signed, it is parsed
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put(ArtifactLayout.MANIFEST, deep.getBytes(StandardCharsets.UTF_8));
        byte[] signed = ArtifactWriter.write(changed, signer.getPrivate());
        String nested = assertThrows(
                        ArtifactException.class,
                        () -> LeptonModel.load(signed, "damaged.lepton", signer.getPublic())
                                .close())
                .getMessage();
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

    /** The architecture entry with {@code field} set to the JSON {@code json}. */
    private static String architectureWith(String field, String json) {
        JsonObject architecture = JsonParser.parseString(
                        new String(entries.get(ArtifactLayout.ARCHITECTURE), StandardCharsets.UTF_8))
                .getAsJsonObject();
        architecture.add(field, JsonParser.parseString(json));
        return architecture.toString();
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '`',
            value = {
                "hidden | [100000, 100000] => field 'hidden[0]' is 100000, not a count of units from 1 to 65536",
                "hidden | [4, null] => field 'hidden[1]' is null, not a count of units from 1 to 65536",
                "hidden | [0] => field 'hidden[0]' is 0, not a count of units from 1 to 65536",
                "outputs | 1000000 => field 'outputs' is 1000000, not a count of units from 1 to 65536",
                "input | [0] => field 'input[0]' is 0, not a size from 1 to 16777216",
                "input | [] => field 'input' has 0 sizes, and the mlp family reads 1 or more",
                "input | [4294967296, 4294967296] => field 'input[0]' is 4294967296, not a size from 1 to 16777216",
                "input | [65536, 65536] => field 'input' makes rows of 4294967296 features and more, beyond the"
                        + " 16777216 a row may have",
                "dropout | 1.5 => field 'dropout' is 1.5, not a rate from 0 to below 1"
            })
    void anArchitectureOfAbsurdSizesIsRefusedNamingTheField(String change, String problem) {
        String[] parts = change.split(" \\| ", 2);
        assertEquals(
                "damaged.lepton: entry model/architecture.json is damaged: " + problem
                        + ". Use the registry's copy, or promote the run again.",
                refusal(with(ArtifactLayout.ARCHITECTURE, architectureWith(parts[0], parts[1]))));
    }

    @Test
    void anImageFieldOfMorePixelsThanARowMayHaveIsRefusedNamingIt() {
        JsonObject schema = JsonParser.parseString(TinyArtifact.SCHEMA.toJson()).getAsJsonObject();
        JsonObject image = new JsonObject();
        image.addProperty("name", "photo");
        image.addProperty("type", "image");
        image.addProperty("channels", 65536);
        image.addProperty("height", 65536);
        image.addProperty("width", 1); // 2^32 values: an int's width of 0
        schema.getAsJsonArray("fields").add(image);
        assertEquals(
                "damaged.lepton: entry schema.json is damaged: field 'fields[3].channels' is 65536, and with height"
                        + " 65536 and width 1 an image has more pixel values than the 16777216 features a row may"
                        + " have. Use the registry's copy, or promote the run again.",
                refusal(with(ArtifactLayout.SCHEMA, schema.toString())));
    }

    @Test
    void aNetworkGivingOtherOutputsThanTheSchemaHasLabelsIsRefusedWhenLoadedNotWhenPredicting() throws Exception {
        Architecture oneOutput = new Architecture("mlp", new long[] {5}, List.of(4), 1, 0);
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put(ArtifactLayout.ARCHITECTURE, oneOutput.toJson().getBytes(StandardCharsets.UTF_8));
        changed.put(ArtifactLayout.PARAMETERS, SavedNetwork.bytes(oneOutput));
        assertEquals(
                "damaged.lepton: the network gives 1 outputs but the schema has 2 labels. The artifact is"
                        + " inconsistent; promote the run again.",
                refusal(ArtifactWriter.write(changed, null)));
    }

    @Test
    void compressedWeightsThatDoNotGiveTheArchitecturesShapesAreRefusedBeforeTheNetworkTakesMemory() throws Exception {
        Map<String, byte[]> compressed = new LinkedHashMap<>(TinyArtifact.compressedEntries(Precision.INT8));
        compressed.put(
                ArtifactLayout.ARCHITECTURE,
                new Architecture("mlp", new long[] {5}, List.of(4096, 4096), 2, 0)
                        .toJson()
                        .getBytes(StandardCharsets.UTF_8));
        String message = refusal(ArtifactWriter.write(compressed, null));
        assertTrue(
                message.startsWith("Weights check failed for damaged.lepton: entry model/weights.safetensors:"
                        + " 01SequentialBlock_02SequentialBlock_01Linear_weight has shape (4, 5), and the network needs"
                        + " (4096, 5); "),
                message);
        assertTrue(message.endsWith(". Use the registry's copy, or promote the run again."), message);
    }

    @Test
    void compressedWeightsGivingATensorTheNetworkLacksAreRefusedNamingIt() throws Exception {
        for (Precision precision : List.of(Precision.INT8, Precision.FP16)) {
            Map<String, byte[]> compressed = new LinkedHashMap<>(TinyArtifact.compressedEntries(precision));
            Map<String, Tensor> weights = new LinkedHashMap<>(SavedNetwork.weights(TinyArtifact.MLP));
            weights.put("extra_weight", new Tensor(new long[] {1_000}, new float[1_000]));
            compressed.put(ArtifactLayout.WEIGHTS, Quantization.pack(weights, precision));
            assertEquals(
                    "Weights check failed for damaged.lepton: entry model/weights.safetensors: extra_weight is not a"
                            + " weight of the network. Use the registry's copy, or promote the run again.",
                    refusal(ArtifactWriter.write(compressed, null)));
        }
    }

    @Test
    void compressedWeightsOfTheArchitecturesShapesLoadAndPredict() throws Exception {
        for (Precision precision : List.of(Precision.INT8, Precision.FP16)) {
            byte[] artifact = ArtifactWriter.write(TinyArtifact.compressedEntries(precision), null);
            try (LeptonModel model = LeptonModel.load(artifact, "tiny.lepton", null)) {
                assertEquals(precision, model.precision());
                Prediction prediction = model.predict(Map.of("x", 1.5, "y", 0.2, "color", "green"));
                assertTrue(model.schema().labels().contains(prediction.label()));
            }
        }
    }

    @Test
    void aProfileWithFewerSharesThanItsBinsIsRefusedWhenLoadedNotOnEveryPrediction() {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put(
                ArtifactLayout.PROFILE,
                "{\"x\": {\"edges\": [1, 2, 3], \"categories\": [], \"shares\": [0.5, 0.5]}}"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "damaged.lepton: entry monitoring/profile.json is damaged: field 'x.shares' holds 2 shares, and its 3"
                        + " edges make 5 bins (the missing one included). Use the registry's copy, or promote the run"
                        + " again.",
                refusal(ArtifactWriter.write(changed, null)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '`',
            value = {
                "{\"x\": 5} => field 'x' is the value 5, not an object",
                "{\"x\": {\"edges\": \"a\", \"categories\": [], \"shares\": []}} => field 'x.edges' is the"
                        + " string \"a\", not an array",
                "{\"x\": {\"edges\": [], \"categories\": [], \"shares\": [0.5, null]}} => field 'x.shares[1]' is"
                        + " null, not a number",
                "{\"x\": {\"edges\": [2, 1], \"categories\": [], \"shares\": [0, 0, 0, 1]}} => field"
                        + " 'x.edges[1]' is 1.0, not above the edge before it",
                "{\"x\": {\"edges\": [], \"categories\": [\"a\"], \"shares\": [0.5, 7]}} => field 'x.shares'"
                        + " holds 2 shares, and its 1 categories make 3 bins (the missing one included)",
                "{\"x\": {\"edges\": [], \"categories\": [\"a\"], \"shares\": [0.5, 7, 0]}} => field"
                        + " 'x.shares[1]' is 7.0, not a share from 0 to 1"
            })
    void aProfileFieldOfTheWrongTypeOrShapeIsRefusedNamingIt(String profile, String problem) {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put(ArtifactLayout.PROFILE, profile.getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "damaged.lepton: entry monitoring/profile.json is damaged: " + problem
                        + ". Use the registry's copy, or promote the run again.",
                refusal(ArtifactWriter.write(changed, null)));
    }

    @Test
    void aProfileWrittenAtPromotionIsReadBackWithEveryFieldsBins() throws Exception {
        byte[] artifact = ArtifactWriter.write(TinyArtifact.withProfile(entries), null);
        try (LeptonModel model = LeptonModel.load(artifact, "tiny.lepton", null)) {
            assertEquals(Set.of("x", "y", "color"), model.profile().fields().keySet());
            assertEquals(3 + 2, model.profile().fields().get("color").bins());
        }
    }
}
