package ai.lepton.runtime;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.lepton.base.Sha256;
import ai.lepton.runtime.artifact.Artifact;
import ai.lepton.runtime.artifact.ArtifactChangedException;
import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.artifact.ArtifactLimits;
import ai.lepton.runtime.artifact.ArtifactReader;
import ai.lepton.runtime.artifact.Manifest;
import ai.lepton.runtime.artifact.Signing;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.runtime.monitor.InputProfile;
import ai.lepton.runtime.text.TextTokenizer;
import ai.lepton.runtime.weights.CompressedWeights;
import ai.lepton.runtime.weights.ParameterFile;
import ai.lepton.runtime.weights.Precision;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A promoted model, loaded for production. {@link #load} verifies the artifact's checksums (and signature, when
 * {@code LEPTON_VERIFY_KEY} is set) before anything in it is parsed, reading no more than its limits allow
 * ({@link ArtifactLimits}; {@code LEPTON_MAX_WEIGHTS} for the weights), checks that this runtime's engine can run it,
 * then rebuilds the network, its weights checked against it before they are read. {@link #predict} takes raw rows (field name to value) and applies the preparation
 * fitted at training time. Safe to call from many threads at once.
 *
 * <pre>{@code
 * try (LeptonModel model = LeptonModel.load(Path.of("penguins-1.0.0.lepton"))) {
 *     Prediction p = model.predict(Map.of("bill_length_mm", 39.1, "island", "Torgersen", ...));
 * }
 * }</pre>
 */
public final class LeptonModel implements AutoCloseable {

    static {
        // the runtime never downloads: natives come from the classpath (pytorch-native-cpu, or the CUDA build)
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    private static final String ENGINE = "PyTorch";
    /** Rows per forward pass in a batch: bounds the native memory one call takes. */
    private static final int CHUNK = 4096;

    private final String source;
    private final Manifest manifest;
    private final boolean signatureVerified;
    private final String modelCard;
    private final InputSchema schema;
    private final Architecture architecture;
    private final Model model;
    private final TextTokenizer tokenizer;
    private final InputProfile profile;
    private final LongAdder truncated = new LongAdder();

    /** Reads all it needs from {@code artifact} (which the caller then closes, deleting its unpacked entries). */
    private LeptonModel(Artifact artifact, Device device) {
        this.source = artifact.source();
        this.manifest = artifact.manifest();
        this.signatureVerified = artifact.signatureVerified();
        this.modelCard = artifact.text(ArtifactLayout.MODEL_CARD);
        try {
            this.schema = InputSchema.fromJson(artifact.json(ArtifactLayout.SCHEMA));
            this.architecture = Architecture.fromJson(artifact.json(ArtifactLayout.ARCHITECTURE));
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(source + ": " + e.getMessage(), e);
        }
        checkConsistent();
        checkEngine();
        this.profile = artifact.has(ArtifactLayout.PROFILE)
                ? InputProfile.fromJson(artifact.json(ArtifactLayout.PROFILE))
                : null;
        this.model = Model.newInstance(name(), device, ENGINE);
        try {
            model.setBlock(architecture.newBlock());
            loadWeights(artifact);
            // last: nothing after it can fail and leave it open
            this.tokenizer = architecture.readsText() ? ArtifactTokenizer.open(artifact, architecture) : null;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The schema and the network must fit each other: the same features, text read or not, one output per label. */
    private void checkConsistent() {
        if (architecture.features() != schema.width()) {
            throw new ArtifactException(source + ": the schema's fields make " + schema.width()
                    + " features but the network takes " + architecture.features()
                    + ". The artifact is inconsistent; promote the run again.");
        }
        if (architecture.readsText() == schema.textFields().isEmpty()) {
            throw new ArtifactException(source + ": the network " + (architecture.readsText() ? "reads" : "reads no")
                    + " text but the schema has " + schema.textFields().size()
                    + " text fields. The artifact is inconsistent; promote the run again.");
        }
        int outputs = schema.classification() ? schema.labels().size() : 1;
        if (architecture.outputs() != outputs) {
            throw new ArtifactException(source + ": the network gives " + architecture.outputs() + " outputs but the"
                    + " schema " + (schema.classification() ? "has " + outputs + " labels" : "predicts one number")
                    + ". The artifact is inconsistent; promote the run again.");
        }
    }

    /** Loads the artifact file at {@code file}, verifying the signature when {@code LEPTON_VERIFY_KEY} is set. */
    public static LeptonModel load(Path file) {
        return open(ArtifactReader.read(
                file, file.toString(), Signing.verifyKeyFromEnvironment(), ArtifactLimits.fromSettings()));
    }

    /**
     * Loads the artifact file at {@code file} when its bytes have the SHA-256 {@code expected} (as a registry recorded
     * it): the file is read once, into a private copy that is compared, verified and loaded, so the bytes checked are
     * the bytes loaded even if the file is replaced meanwhile.
     *
     * @throws ArtifactChangedException its bytes have another SHA-256
     */
    public static LeptonModel load(Path file, Sha256 expected) {
        return open(ArtifactReader.read(
                file, expected, file.toString(), Signing.verifyKeyFromEnvironment(), ArtifactLimits.fromSettings()));
    }

    /**
     * Loads from a location: a file path, {@code classpath:RESOURCE}, or Maven coordinates {@code group:name:version} (found on the
     * classpath when the service depends on them, else in the local Maven repository).
     */
    public static LeptonModel load(String location) {
        if (location.startsWith("classpath:")) {
            return loadResource(location.substring("classpath:".length()));
        }
        Path file = Path.of(location);
        if (Files.isRegularFile(file)) {
            return load(file);
        }
        if (MavenCoordinates.matches(location)) {
            return open(MavenCoordinates.parse(location)
                    .read(Signing.verifyKeyFromEnvironment(), ArtifactLimits.fromSettings()));
        }
        throw new ArtifactException("No artifact at '" + location
                + "': it is neither a file, classpath:RESOURCE, nor Maven coordinates" + " group:name:version.");
    }

    /** Loads an artifact packed as a classpath resource (for example inside a service's jar). */
    public static LeptonModel loadResource(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = classpathStream(name)) {
            if (in == null) {
                throw new ArtifactException(
                        "No classpath resource " + name + ". Is the model's jar a dependency of this service?");
            }
            return open(ArtifactReader.read(
                    in, "classpath:" + name, Signing.verifyKeyFromEnvironment(), ArtifactLimits.fromSettings()));
        } catch (IOException e) {
            throw new ArtifactException("Cannot read classpath resource " + name + ": " + e.getMessage(), e);
        }
    }

    /** Classpath resource {@code name}, or null when there is none. */
    static InputStream classpathStream(String name) {
        return Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
    }

    /** Loads artifact bytes read from {@code source}, verifying the signature when {@code LEPTON_VERIFY_KEY} is set. */
    public static LeptonModel load(byte[] bytes, String source) {
        return load(bytes, source, Signing.verifyKeyFromEnvironment());
    }

    /** Loads artifact bytes, requiring a valid signature under {@code verifyKey} when it is not null. */
    public static LeptonModel load(byte[] bytes, String source, PublicKey verifyKey) {
        return open(
                ArtifactReader.read(new ByteArrayInputStream(bytes), source, verifyKey, ArtifactLimits.fromSettings()));
    }

    private static LeptonModel open(Artifact verified) {
        try (Artifact artifact = verified) {
            return new LeptonModel(artifact, RuntimeDevice.fromEnvironment());
        }
    }

    /** Predicts one row: field name to raw value (numbers, text, ISO dates; null for an unknown value). */
    public Prediction predict(Map<String, ?> row) {
        return predict(Collections.singletonList(row), true).getFirst(); // a null row gets the schema's error
    }

    /** Predicts many rows at once (much faster per row than one by one); errors name the row. */
    public List<Prediction> predictBatch(List<? extends Map<String, ?>> rows) {
        List<Prediction> predictions = new ArrayList<>(rows.size());
        for (int start = 0; start < rows.size(); start += CHUNK) {
            predictions.addAll(predict(rows.subList(start, Math.min(rows.size(), start + CHUNK)), false));
        }
        return predictions;
    }

    private List<Prediction> predict(List<? extends Map<String, ?>> rows, boolean single) {
        int width = schema.width();
        float[] features = new float[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            schema.encode(rows.get(i), features, i * width, single ? -1 : i);
        }
        boolean[] truncatedRows = new boolean[rows.size()];
        float[] outputs = tokenizer == null
                ? Inference.outputs(model, architecture, features, rows.size(), schema.classification())
                : textOutputs(rows, features, single, truncatedRows);
        List<Prediction> predictions = new ArrayList<>(rows.size());
        List<String> labels = schema.labels();
        for (int i = 0; i < rows.size(); i++) {
            if (!schema.classification()) {
                predictions.add(Prediction.ofValue(outputs[i], truncatedRows[i]));
                continue;
            }
            Map<String, Double> probabilities = new LinkedHashMap<>();
            int best = 0;
            for (int k = 0; k < labels.size(); k++) {
                float p = outputs[i * labels.size() + k];
                probabilities.put(labels.get(k), (double) p);
                if (p > outputs[i * labels.size() + best]) {
                    best = k;
                }
            }
            predictions.add(Prediction.ofClass(labels.get(best), probabilities, truncatedRows[i]));
        }
        return predictions;
    }

    /** The outputs for rows with text; {@code truncatedRows} learns which rows' texts were cut at max_length. */
    private float[] textOutputs(
            List<? extends Map<String, ?>> rows, float[] features, boolean single, boolean[] truncatedRows) {
        List<String> texts = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            texts.add(tokenizer.join(schema.texts(rows.get(i), single ? -1 : i)));
        }
        List<TextTokenizer.Tokens> encoded = tokenizer.encode(texts);
        for (int i = 0; i < encoded.size(); i++) {
            truncatedRows[i] = encoded.get(i).truncated();
            if (truncatedRows[i]) {
                truncated.increment();
            }
        }
        return Inference.outputs(model, tokenizer, encoded, features, schema.width(), schema.classification());
    }

    /** How many texts were longer than max_length and cut, since the model was loaded. */
    public long truncatedTexts() {
        return truncated.sum();
    }

    /** Each input's reference distribution, kept at promotion; null for an artifact from before monitoring. */
    public InputProfile profile() {
        return profile;
    }

    public InputSchema schema() {
        return schema;
    }

    /**
     * The manifest: name, version, source run, metrics, parameters, lineage, environment, engine, compression and
     * dependency versions ({@code model.manifest().metrics().get("test_accuracy")}).
     */
    public Manifest manifest() {
        return manifest;
    }

    public String name() {
        return manifest.name();
    }

    public String version() {
        return manifest.version();
    }

    /** How the artifact stores the weights: as trained (fp32), or compressed at promotion. */
    public Precision precision() {
        return manifest.precision();
    }

    public String modelCard() {
        return modelCard;
    }

    /** Whether the artifact's signature was checked against a configured key. */
    public boolean signatureVerified() {
        return signatureVerified;
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    @Override
    public String toString() {
        return name() + " " + version() + ": "
                + (schema.classification()
                        ? "classifies " + schema.target() + " into " + schema.labels()
                        : "predicts " + schema.target())
                + " from " + schema.fieldNames();
    }

    /** The artifact's engine must be this runtime's, at the same PyTorch major.minor version. */
    private void checkEngine() {
        String wantedName = manifest.engine().name();
        String wantedVersion = manifest.engine().version();
        String version;
        try {
            version = Engine.getEngine(ENGINE).getVersion();
        } catch (RuntimeException e) {
            throw new ArtifactException(
                    "Engine check failed: this runtime cannot start " + ENGINE + " (" + e.getMessage() + "). Put DJL's"
                            + " pytorch-jni and a pytorch-native build on the classpath.",
                    e);
        }
        if (!wantedName.equals(ENGINE) || !majorMinor(wantedVersion).equals(majorMinor(version))) {
            throw new ArtifactException("Engine check failed for " + source + ": entry "
                    + ArtifactLayout.MANIFEST + " says it was"
                    + " trained on " + wantedName + " " + wantedVersion + ", and this runtime has " + ENGINE + " "
                    + version + ". Load it with a"
                    + " runtime on " + wantedName + " " + majorMinor(wantedVersion)
                    + ".x, or promote the run again on this engine.");
        }
    }

    private static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts.length < 2 ? version : parts[0] + "." + parts[1];
    }

    /**
     * DJL's parameter file (full precision), or the compressed weights of {@link Precision#INT8} or {@code FP16}, each
     * checked against the architecture before any memory is taken for the weights.
     */
    private void loadWeights(Artifact artifact) {
        try {
            if (artifact.has(ArtifactLayout.PARAMETERS)) {
                ParameterFile.of(architecture.newBlock(), architecture.inputShapes(1))
                        .load(
                                model,
                                artifact.path(ArtifactLayout.PARAMETERS),
                                "Parameter check failed for " + source + ": entry " + ArtifactLayout.PARAMETERS);
            } else {
                CompressedWeights.of(architecture.newBlock(), architecture.inputShapes(1))
                        .load(
                                model,
                                artifact.path(ArtifactLayout.WEIGHTS),
                                "Weights check failed for " + source + ": entry " + ArtifactLayout.WEIGHTS);
            }
        } catch (MalformedModelException e) {
            throw new ArtifactException(e.getMessage() + " Use the registry's copy, or promote the run again.", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ArtifactException(
                    "The weights in " + source + " do not fit its architecture (" + architecture + "): "
                            + e.getMessage(),
                    e);
        }
    }
}
