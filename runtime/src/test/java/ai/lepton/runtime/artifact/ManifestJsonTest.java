package ai.lepton.runtime.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.weights.Precision;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The manifest is a typed value with one codec: artifacts promoted by the Lepton before it (test resources made with
 * that version's promotion, a penguins MLP at fp32 and at int8) load with every value they recorded, older manifests
 * read with the documented defaults, and a manifest of this version reads back as it was written.
 */
class ManifestJsonTest {

    /** Artifacts promoted by the Lepton before the typed manifest (commit ddebd21), from one penguins run. */
    private static final String PREVIOUS = "promoted-before-the-typed-manifest/";

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ManifestJsonTest.class.getClassLoader().getResourceAsStream(PREVIOUS + name)) {
            return in.readAllBytes();
        }
    }

    /** The text of {@code manifest.json} in the artifact {@code bytes}, read as a plain zip. */
    private static String manifestText(byte[] bytes) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(ArtifactLayout.MANIFEST)) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no manifest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"penguins-1.0.0.lepton", "penguins-int8-1.0.0.lepton"})
    void anArtifactOfThePreviousVersionLoadsAndItsManifestWritesBackAsItWasRecorded(String artifact)
            throws IOException {
        try (LeptonModel model = LeptonModel.loadResource(PREVIOUS + artifact)) {
            String recorded = manifestText(resource(artifact));
            assertEquals(
                    JsonParser.parseString(recorded), JsonParser.parseString(ManifestJson.write(model.manifest())));
        }
    }

    @Test
    void theTypedManifestOfThePreviousVersionsArtifactGivesTheValuesItRecorded() {
        try (LeptonModel model = LeptonModel.loadResource(PREVIOUS + "penguins-int8-1.0.0.lepton")) {
            Manifest manifest = model.manifest();
            assertEquals("penguins-int8", manifest.name());
            assertEquals("1.0.0", manifest.version());
            assertEquals(Instant.parse("2026-12-07T17:58:17.572967865Z"), manifest.created());
            assertEquals("root", manifest.promotedBy());
            assertEquals(
                    new Manifest.SourceRun(
                            "3448af61b163",
                            "penguins-mlp",
                            Instant.parse("2026-12-07T17:58:14.179Z"),
                            Instant.parse("2026-12-07T17:58:15.780Z"),
                            null),
                    manifest.sourceRun());
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("test_accuracy", 0.8627450980392157);
            metrics.put("test_f1", 0.7764876632801161);
            metrics.put("test_auc", 0.9881735090642833);
            assertEquals(metrics, manifest.metrics());
            assertEquals(
                    List.copyOf(metrics.keySet()),
                    List.copyOf(manifest.metrics().keySet()),
                    "in their order");
            assertEquals(Precision.INT8, manifest.precision());
            assertEquals(new Manifest.Compression(744, 460, metrics, 0.0), manifest.compression());
            assertEquals(51, manifest.heldOutRows());
            assertEquals(
                    List.of(
                            "bill_length_mm",
                            "bill_depth_mm",
                            "flipper_length_mm",
                            "body_mass_g",
                            "island",
                            "sex",
                            "year"),
                    List.copyOf(manifest.featureImportance().keySet()),
                    "most important first, as recorded");
            assertEquals(0.10457516339869284, manifest.featureImportance().get("bill_length_mm"));
            assertEquals("[8]", manifest.params().get("hidden"));
            assertEquals(23, manifest.params().size());
            assertEquals(
                    new Manifest.Lineage(
                            "penguins",
                            "536a5e05c347ed86963c0e76a7ae8946f96c94a5c6c031f6a99d140e71f0eef8",
                            "844af028cb658be7c7e262e526f411f1e1e01c1bf7c54c9fc654c3777b3d324c",
                            null,
                            241,
                            52,
                            List.of("Adelie", "Chinstrap", "Gentoo"),
                            null),
                    manifest.lineage());
            Manifest.Environment environment = manifest.environment();
            assertEquals("25.0.3+9-LTS", environment.jdk());
            assertEquals(2, environment.cpus());
            assertEquals(6320816128L, environment.maxHeapBytes());
            assertEquals("ddebd21acd4b7eaa5b42cd86ae3cdeb24802b19b", environment.gitCommit());
            assertEquals(true, environment.gitDirty());
            assertEquals("PyTorch 2.7.1", environment.engine());
            assertEquals("cpu()", environment.device());
            assertEquals(0, environment.gpuCount());
            assertNull(environment.gpuMemoryBytes(), "not recorded on a CPU");
            assertEquals("C.UTF-8", environment.variables().get("LANG"));
            assertEquals(List.of(), environment.notebookCells());
            assertNull(manifest.notebookSha256(), "not trained from a notebook");
            assertEquals(new Manifest.Engine("PyTorch", "2.7.1"), manifest.engine());
            assertEquals(new Manifest.Dependencies("dev", "0.35.1", "2.7.1", "25.0.3+9-LTS"), manifest.dependencies());
        }
        try (LeptonModel model = LeptonModel.loadResource(PREVIOUS + "penguins-1.0.0.lepton")) {
            assertEquals(Precision.FP32, model.manifest().precision());
            assertNull(model.manifest().compression(), "stored as trained");
        }
    }

    @Test
    void aManifestFromBeforeCompressionReadsWithTheDocumentedDefaults() {
        // as promotion wrote it before quantization: no precision or compression; a lineage naming its images, and a
        // run's end written as "null"
        Manifest manifest = ManifestJson.read("""
                {"format": "lepton-artifact/1", "name": "digits", "version": "1.2.0",
                 "created": "2026-11-23T08:13:09Z", "promoted_by": "ada",
                 "source_run": {"run_id": "r1", "run_name": "digits-cnn", "started": "2026-11-23T08:00:00Z",
                                "ended": "null", "parent_id": "s1"},
                 "metrics": {"test_accuracy": 0.97}, "heldout_rows": 300, "feature_importance": {},
                 "params": {"model": "cnn"}, "lineage": {"images": "1200 training images", "train_rows": 1200},
                 "environment": {"jdk": "25"},
                 "engine": {"name": "PyTorch", "version": "2.7.1"}}
                """, "old.lepton");
        assertEquals(Precision.FP32, manifest.precision());
        assertNull(manifest.compression());
        assertEquals(
                new Manifest.SourceRun("r1", "digits-cnn", Instant.parse("2026-11-23T08:00:00Z"), null, "s1"),
                manifest.sourceRun());
        assertEquals("1200 training images", manifest.lineage().origin());
        assertEquals(1200, manifest.lineage().trainRows());
        assertEquals(0, manifest.lineage().validationRows());
        assertEquals(List.of(), manifest.lineage().labels());
        assertEquals("25", manifest.environment().jdk());
        assertNull(manifest.environment().cpus());
        assertEquals(Map.of(), manifest.environment().variables());
        assertEquals(Manifest.Dependencies.NONE, manifest.dependencies());

        Manifest least = ManifestJson.read("""
                {"format": "lepton-artifact/1", "name": "tiny", "version": "1.0.0",
                 "engine": {"name": "PyTorch", "version": "2.7.1"}}
                """, "least.lepton");
        assertEquals(
                new Manifest(
                        "tiny",
                        "1.0.0",
                        null,
                        null,
                        Manifest.SourceRun.NONE,
                        Map.of(),
                        Precision.FP32,
                        null,
                        0,
                        Map.of(),
                        Map.of(),
                        Manifest.Lineage.NONE,
                        Manifest.Environment.NONE,
                        new Manifest.Engine("PyTorch", "2.7.1"),
                        Manifest.Dependencies.NONE),
                least);
    }

    /** A manifest with every field set, odd values included. */
    private static Manifest everything() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_rmse", 0.25);
        metrics.put("test_r2", Double.NaN);
        metrics.put("test_mape", Double.POSITIVE_INFINITY);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("LEPTON_STORE", "postgresql://db/runs");
        variables.put("TOKEN", "[redacted]");
        return Manifest.builder("wine <quality>", "2.0.0-rc.1", new Manifest.Engine("PyTorch", "2.7.1"))
                .optCreated(Instant.parse("2026-12-07T17:58:17.572967865Z"))
                .optPromotedBy("zoë")
                .optSourceRun(new Manifest.SourceRun(
                        "abc", "wine & more", Instant.parse("2026-12-07T17:00:00Z"), Instant.now(), "sweep-1"))
                .optMetrics(metrics)
                .optPrecision(Precision.FP16, new Manifest.Compression(5_000_000_000L, 10_000_000_000L, metrics, -0.01))
                .optHeldOutRows(480)
                .optFeatureImportance(Map.of("alcohol", 0.2))
                .optParams(Map.of("hidden", "[64, 32]", "lr", "3e-4"))
                .optLineage(new Manifest.Lineage(
                        "wine", "f00d", "beef", null, 900, 100, List.of(), "sentence-transformers/all-MiniLM-L6-v2"))
                .optEnvironment(new Manifest.Environment(
                        "25.0.3+9-LTS",
                        "Eclipse Adoptium",
                        "Linux 6.18 amd64",
                        16,
                        68_719_476_736L,
                        "1.4.0",
                        "0.35.1",
                        "/home/zoë/wine",
                        "0123abcd",
                        false,
                        "wine.ipynb",
                        List.of("%%lepton train --data wine\nepochs: 3", "var x = \"\\u00e9\";"),
                        "9f86d081",
                        variables,
                        "PyTorch 2.7.1",
                        "gpu(0)",
                        1,
                        "12.4",
                        "90",
                        85_899_345_920L))
                .optDependencies(new Manifest.Dependencies("1.4.0", "0.35.1", "2.7.1", "25.0.3+9-LTS"))
                .build();
    }

    @Test
    void aManifestOfThisVersionRoundTripsThroughTheCodec() {
        Manifest manifest = everything();
        String json = ManifestJson.write(manifest);
        Manifest read = ManifestJson.read(json, "round-trip.lepton");
        assertEquals(manifest, read);
        assertEquals(json, ManifestJson.write(read));
        assertTrue(
                json.contains("\"notebook_sha256\": \"9f86d081\""), "the notebook's hash, for those who read the file");
    }

    @Test
    void fieldsThisRuntimeDoesNotKnowAreIgnored() {
        String known = ManifestJson.write(everything());
        var withMore = JsonParser.parseString(known).getAsJsonObject();
        withMore.add("labeling", JsonParser.parseString("{\"rounds\": 3, \"by\": [\"ada\"]}"));
        withMore.getAsJsonObject("environment").addProperty("slurm_job_id", "4711");
        withMore.getAsJsonObject("source_run").add("tags", JsonParser.parseString("[1, 2]"));
        Manifest read = ManifestJson.read(withMore.toString(), "newer.lepton");
        assertEquals(ManifestJson.read(known, "known.lepton"), read);
        assertFalse(ManifestJson.write(read).contains("labeling"), "nor written back");
    }

    @Test
    void aRunsRecordedEnvironmentOfTheWrongTypeIsRefusedNamingTheRunAndTheField() {
        assertEquals(Manifest.Environment.NONE, ManifestJson.environment(null, "3448af61b163"));
        assertEquals(
                16, ManifestJson.environment("{\"cpus\": 16}", "3448af61b163").cpus());
        ArtifactException refused = assertThrows(
                ArtifactException.class, () -> ManifestJson.environment("{\"cpus\": \"two\"}", "3448af61b163"));
        assertEquals(
                "Run 3448af61b163: entry environment is damaged: field 'cpus' is the string \"two\", not a number. The"
                        + " run store's record of the run is damaged; promote another run.",
                refused.getMessage());
    }
}
