package ai.lepton.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.IsolatedHome;
import ai.lepton.Lepton;
import ai.lepton.Run;
import ai.lepton.base.Settings;
import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.prepare.HeldOutRows;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.Prediction;
import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.artifact.Manifest;
import ai.lepton.runtime.input.InputException;
import ai.lepton.runtime.weights.Precision;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunRecorder;
import ai.lepton.track.RunStatus;
import ai.lepton.train.TrainOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

/** Promotion end to end on a real penguins MLP: artifact, gate, registry, runtime, publication. */
@ExtendWith(IsolatedHome.class)
class PromotionTest {

    private static Path home;

    private static String runId;
    private static Promoted first;
    private static List<Map<String, Object>> heldOut;

    @BeforeAll
    static void trainAndPromote() {
        home = Settings.HOME.get();
        Lepton.dataset(
                "penguins",
                DataLoader.csv(Path.of("..", "datasets", "penguins.csv"), CsvOptions.defaults())
                        .table());
        Lepton.prepare(
                "penguins", PrepareOptions.builder("species").optStratify(true).build());
        TrainOptions spec = TrainOptions.builder()
                .optHidden(16)
                .optEpochs(8)
                .optBatch(32)
                .optLearningRate(0.01)
                .optSeed(3)
                .build();
        try (Run result = Lepton.train("penguins", "penguins-mlp", spec)) {
            runId = result.id();
        }
        first = Lepton.promote(
                runId, PromoteOptions.builder("penguins").optAlias("staging").build());
        heldOut = HeldOutRows.load(
                Lepton.store().find(runId).lineage().heldOutSha256(),
                Lepton.prepared("penguins").preparation().inputSchema());
    }

    @Test
    void promotionRegistersAVersionWhoseArtifactHoldsEverythingChecksummed() throws Exception {
        ModelVersion version = first.model();
        assertEquals("1.0.0", version.version());
        assertEquals(runId, version.runId());
        assertEquals(heldOut.size(), first.gate().rows());
        assertTrue(
                first.gate().maxDifference() <= PromotionGate.OUTPUT_TOLERANCE,
                "gate difference " + first.gate().maxDifference());
        assertTrue(version.metrics().get("test_accuracy") > 0.8, "test accuracy " + version.metrics());
        try (ZipFile zip = new ZipFile(version.artifact().toFile())) {
            Set<String> names = new TreeSet<>();
            zip.stream().forEach(entry -> names.add(entry.getName()));
            Set<String> expected = new TreeSet<>(ArtifactLayout.REQUIRED);
            expected.addAll(List.of(ArtifactLayout.CHECKSUMS, ArtifactLayout.PARAMETERS, ArtifactLayout.PROFILE));
            assertEquals(expected, names, "a tabular model: full-precision weights, no tokenizer");
            String card = new String(
                    zip.getInputStream(zip.getEntry(ArtifactLayout.MODEL_CARD)).readAllBytes());
            assertTrue(card.contains("## Permutation feature importance") && card.contains("| bill_length_mm |"), card);
            String manifest = new String(
                    zip.getInputStream(zip.getEntry(ArtifactLayout.MANIFEST)).readAllBytes());
            assertTrue(
                    manifest.contains("\"run_id\": \"" + runId + "\"")
                            && manifest.contains("\"dataset_fingerprint\"")
                            && manifest.contains("\"pytorch\": \"2.7.1\""),
                    manifest);
        }
        try (LeptonModel model = LeptonModel.load(version.artifact())) {
            Manifest manifest = model.manifest();
            RunRecord run = Lepton.store().find(runId);
            assertEquals(
                    new Manifest.SourceRun(runId, "penguins-mlp", run.startedAt(), run.endedAt(), null),
                    manifest.sourceRun());
            assertEquals(version.metrics().keySet(), manifest.metrics().keySet());
            version.metrics()
                    .forEach((metric, value) ->
                            assertEquals(value, manifest.metrics().get(metric), 1e-9));
            assertEquals(first.importance(), manifest.featureImportance());
            assertEquals(heldOut.size(), manifest.heldOutRows());
            assertEquals(run.params(), manifest.params());
            assertEquals(run.lineage().datasetFingerprint(), manifest.lineage().datasetFingerprint());
            assertEquals(run.lineage().labels(), manifest.lineage().labels());
            assertEquals(run.environmentMap().get("jdk"), manifest.environment().jdk());
            assertEquals("2.7.1", manifest.dependencies().pytorch());
            assertEquals(Precision.FP32, manifest.precision());
            assertNull(manifest.compression());
        }
        EntryInflation.assertFarBelowTheLimit(version.artifact());
        assertEquals("1.0.0", Registry.open().aliases("penguins").get("staging"));
        assertEquals("penguins:1.0.0", Lepton.store().find(runId).tags().get("promoted"));
        assertEquals(
                first.importance().keySet(),
                Set.copyOf(List.of(
                                "island",
                                "bill_length_mm",
                                "bill_depth_mm",
                                "flipper_length_mm",
                                "body_mass_g",
                                "sex",
                                "year"))
                        .stream()
                        .filter(first.importance()::containsKey)
                        .collect(Collectors.toSet()));
    }

    @Test
    void theRuntimePredictsTheHeldOutRowsAsTheGateConfirmedAndSafelyFromManyThreads() throws Exception {
        try (LeptonModel model = LeptonModel.load(first.model().artifact())) {
            List<Prediction> batch = model.predictBatch(heldOut);
            long correct = 0;
            for (int row = 0; row < heldOut.size(); row++) {
                correct += batch.get(row).label().equals(heldOut.get(row).get("species")) ? 1 : 0;
                double sum = batch.get(row).probabilities().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum();
                assertEquals(1.0, sum, 1e-5);
            }
            assertEquals(first.model().metrics().get("test_accuracy"), (double) correct / heldOut.size(), 1e-9);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                checks.add(pool.submit(() -> {
                    for (int repeat = 0; repeat < 25; repeat++) {
                        for (int row = 0; row < heldOut.size(); row += 7) {
                            if (!agree(model.predict(heldOut.get(row)), batch.get(row))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> check : checks) {
                assertTrue(check.get(), "a concurrent prediction differed from the batch one");
            }
            pool.shutdown();
        }
    }

    /** One row alone and in a batch take different kernels: equal up to float rounding, never more. */
    private static boolean agree(Prediction one, Prediction other) {
        return one.label().equals(other.label())
                && one.probabilities().keySet().stream()
                        .allMatch(label -> Math.abs(one.probabilities().get(label)
                                        - other.probabilities().get(label))
                                < 1e-5);
    }

    @Test
    void badRowsAreRefusedNamingTheFieldAndMissingValuesAreFilledAsInTraining() {
        try (LeptonModel model = LeptonModel.load(first.model().artifact())) {
            Map<String, Object> row = new HashMap<>(heldOut.getFirst());
            Map<String, Object> missing = new HashMap<>(row);
            missing.remove("flipper_length_mm");
            InputException absent = assertThrows(InputException.class, () -> model.predict(missing));
            assertTrue(absent.getMessage().contains("field 'flipper_length_mm' is missing"), absent.getMessage());
            Map<String, Object> text = new HashMap<>(row);
            text.put("body_mass_g", "heavy");
            InputException wrongType = assertThrows(InputException.class, () -> model.predictBatch(List.of(row, text)));
            assertTrue(
                    wrongType
                            .getMessage()
                            .contains("Row 1: field 'body_mass_g' must be a number, but got the text 'heavy'"),
                    wrongType.getMessage());
            Map<String, Object> infinite = new HashMap<>(row);
            infinite.put("bill_depth_mm", Double.POSITIVE_INFINITY);
            assertThrows(InputException.class, () -> model.predict(infinite));
            Map<String, Object> island = new HashMap<>(row);
            island.put("island", 42);
            assertTrue(assertThrows(InputException.class, () -> model.predict(island))
                    .getMessage()
                    .contains("must be text (one of Biscoe"));
            Map<String, Object> nan = new HashMap<>(row);
            nan.put("bill_length_mm", Double.NaN);
            Map<String, Object> nullValue = new HashMap<>(row);
            nullValue.put("bill_length_mm", null);
            assertEquals(model.predict(nullValue), model.predict(nan), "NaN is a missing value, filled like null");
            Map<String, Object> unseen = new HashMap<>(row);
            unseen.put("island", "Atlantis"); // prepared with unseen categories ignored: encoded as none of the known
            assertTrue(model.schema().labels().contains(model.predict(unseen).label()));
        }
    }

    @Test
    void theRegistryRefusesAnArtifactFileChangedAfterPromotion(@TempDir Path copy) throws Exception {
        Registry registry = Registry.at(copy);
        Promoted promoted = Promotion.promote(Lepton.store(), registry, runId, PromoteOptions.named("edited"));
        registry.load("edited").close();
        byte[] bytes = Files.readAllBytes(promoted.model().artifact());
        bytes[bytes.length - 3] ^= 0x01; // in the zip's end record: no entry changes, the file does
        Files.write(promoted.model().artifact(), bytes);
        PromotionException refused = assertThrows(PromotionException.class, () -> registry.load("edited"));
        assertTrue(refused.getMessage().contains("Registry check failed for edited:1.0.0"), refused.getMessage());
    }

    @Test
    void theRegistryReadsTheArtifactOnceSoTheBytesItChecksAreTheBytesItLoads(@TempDir Path copy) throws Exception {
        Registry registry = Registry.at(copy);
        Path file = Promotion.promote(Lepton.store(), registry, runId, PromoteOptions.named("swapped"))
                .model()
                .artifact();
        byte[] registered = Files.readAllBytes(file);
        Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
        Files.delete(file);
        // a pipe in the artifact's place gives its bytes to one reader: a registry that hashed the file and then
        // opened it again to load it would load whatever the second read found (a file swapped meanwhile)
        assertEquals(0, new ProcessBuilder("mkfifo", file.toString()).start().waitFor());
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(file)) { // waits for a reader
                out.write(registered);
            } catch (IOException e) {
                // the reader stopped reading
            }
        });
        writer.setDaemon(true);
        writer.start();
        try {
            String name = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (LeptonModel model = registry.load("swapped")) {
                    return model.name();
                }
            });
            assertEquals("swapped", name);
        } finally {
            // opening a pipe to read and write never waits: a reader or writer still waiting for the other side ends
            new RandomAccessFile(file.toFile(), "rw").close();
            writer.join(10_000);
        }
    }

    @Test
    void withASigningKeyTheArtifactIsSignedAndVerifiedOnLoad(@TempDir Path keys) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path privateKey = Files.writeString(
                keys.resolve("signing.pem"), ai.lepton.runtime.artifact.Signing.pem(pair.getPrivate()));
        System.setProperty("lepton.signingKey", privateKey.toString());
        Promoted signed;
        try {
            signed = Promotion.promote(
                    Lepton.store(), Registry.at(keys.resolve("registry")), runId, PromoteOptions.named("signed"));
        } finally {
            System.clearProperty("lepton.signingKey");
        }
        System.setProperty("lepton.verifyKey", ai.lepton.runtime.artifact.Signing.pem(pair.getPublic()));
        try (LeptonModel model = LeptonModel.load(signed.model().artifact())) {
            assertTrue(model.signatureVerified());
            String unsigned = assertThrows(
                            ai.lepton.runtime.artifact.ArtifactException.class,
                            () -> LeptonModel.load(first.model().artifact()))
                    .getMessage();
            assertTrue(unsigned.contains("Signature check failed") && unsigned.contains("is not signed"), unsigned);
        } finally {
            System.clearProperty("lepton.verifyKey");
        }
    }

    @Test
    void concurrentPromotionsGetDistinctVersionsAndAliasesKeepTheirHistory() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Promoted> a = pool.submit(
                () -> Promotion.promote(Lepton.store(), Registry.open(), runId, PromoteOptions.named("twins")));
        Future<Promoted> b = pool.submit(
                () -> Promotion.promote(Lepton.store(), Registry.open(), runId, PromoteOptions.named("twins")));
        String va = a.get().model().version();
        String vb = b.get().model().version();
        pool.shutdown();
        assertNotEquals(va, vb);
        assertEquals(Set.of("1.0.0", "1.1.0"), Set.of(va, vb));
        Registry registry = Registry.open();
        registry.moveAlias("twins", "production", "1.0.0");
        registry.moveAlias("twins", "production", "1.1.0");
        assertEquals("1.1.0", registry.resolve("twins@production").version());
        List<AliasChange> history = registry.aliasHistory("twins");
        assertEquals(2, history.size());
        assertNull(history.get(0).previous());
        assertEquals("1.0.0", history.get(1).previous());
        assertEquals("1.1.0", registry.resolve("twins").version());
    }

    @Test
    void promotionRefusesWhatItCannotStandBehindAndRegistersNothing() {
        Registry registry = Registry.open();
        PromotionException taken = assertThrows(
                PromotionException.class,
                () -> Lepton.promote(
                        runId,
                        PromoteOptions.builder("penguins").optVersion("1.0.0").build()));
        assertTrue(
                taken.getMessage().contains("already has version 1.0.0 (promoted from run " + runId),
                taken.getMessage());
        assertTrue(
                assertThrows(PromotionException.class, () -> Lepton.promote(runId, PromoteOptions.named("Penguins!")))
                        .getMessage()
                        .contains("cannot name a model"));
        assertTrue(assertThrows(
                        PromotionException.class,
                        () -> Lepton.promote(
                                runId,
                                PromoteOptions.builder("penguins")
                                        .optVersion("v2")
                                        .build()))
                .getMessage()
                .contains("not a semantic version"));
        assertTrue(assertThrows(
                        PromotionException.class,
                        () -> Lepton.promote(
                                runId,
                                PromoteOptions.builder("penguins")
                                        .optAlias("Prod!")
                                        .build()))
                .getMessage()
                .contains("'Prod!' cannot name an alias"));
        assertTrue(assertThrows(PromotionException.class, () -> registry.moveAlias("penguins", "production", "9.9.9"))
                .getMessage()
                .contains("Model penguins has no version 9.9.9. Versions: 1.0.0"));
        RunRecorder failed = Lepton.store().start("broken");
        failed.finish(RunStatus.FAILED);
        PromotionException notFinished =
                assertThrows(PromotionException.class, () -> Lepton.promote(failed.id(), "broken"));
        assertTrue(
                notFinished.getMessage().contains("is FAILED")
                        && notFinished.getMessage().contains("Only FINISHED runs"),
                notFinished.getMessage());
        RunRecorder running = Lepton.store().start("busy");
        assertTrue(assertThrows(PromotionException.class, () -> Lepton.promote(running.id(), "busy"))
                .getMessage()
                .contains("still training"));
        running.finish(RunStatus.FINISHED);
        assertTrue(assertThrows(PromotionException.class, () -> Lepton.promote(running.id(), "busy"))
                .getMessage()
                .contains("records no preparation and held-out rows"));
        assertEquals(
                List.of("1.0.0"),
                registry.versions("penguins").stream()
                        .map(ModelVersion::version)
                        .filter("1.0.0"::equals)
                        .toList());
        assertTrue(registry.versions("broken").isEmpty()
                && registry.versions("busy").isEmpty());
    }

    @Test
    void publishingToAnHttpRepositoryPutsTheJarThePomAndTheirChecksums() throws Exception {
        Map<String, byte[]> received = new ConcurrentHashMap<>();
        com.sun.net.httpserver.HttpServer server =
                com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/repo/", exchange -> {
            received.put(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith(".md5") ? 201 : 200, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/repo";
            Lepton.publish("penguins:1.0.0", url);
            String base = "PUT /repo/ai/lepton/models/penguins/1.0.0/penguins-1.0.0.";
            assertEquals(
                    Set.of(
                            base + "jar",
                            base + "jar.sha1",
                            base + "jar.md5",
                            base + "pom",
                            base + "pom.sha1",
                            base + "pom.md5"),
                    received.keySet());
            assertTrue(new String(received.get(base + "pom")).contains("<artifactId>penguins</artifactId>"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aPublishedModelLoadsByItsMavenCoordinates(@TempDir Path repository) throws Exception {
        String where = Lepton.publish("penguins:1.0.0", repository.toString());
        assertEquals(repository.toString(), where);
        Path jar = repository.resolve("ai/lepton/models/penguins/1.0.0/penguins-1.0.0.jar");
        assertTrue(Files.isRegularFile(jar)
                && Files.isRegularFile(jar.resolveSibling("penguins-1.0.0.pom"))
                && Files.readString(jar.resolveSibling("penguins-1.0.0.jar.sha1"))
                        .matches("[0-9a-f]{40}"));
        System.setProperty("maven.repo.local", repository.toString());
        try (LeptonModel model = LeptonModel.load("ai.lepton.models:penguins:1.0.0")) {
            assertEquals("penguins", model.name());
            assertEquals(heldOut.size(), model.predictBatch(heldOut).size());
        } finally {
            System.clearProperty("maven.repo.local");
        }
    }
}
