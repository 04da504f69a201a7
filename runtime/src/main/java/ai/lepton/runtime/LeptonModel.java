package ai.lepton.runtime;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.lepton.runtime.artifact.Artifact;
import ai.lepton.runtime.artifact.ArtifactException;
import ai.lepton.runtime.artifact.ArtifactLayout;
import ai.lepton.runtime.artifact.ArtifactReader;
import ai.lepton.runtime.artifact.Signing;
import ai.lepton.runtime.artifact.TemporaryFolder;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.runtime.monitor.InputProfile;
import ai.lepton.runtime.text.TextTokenizer;
import ai.lepton.runtime.weights.BlockWeights;
import ai.lepton.runtime.weights.Precision;
import ai.lepton.runtime.weights.Quantization;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A promoted model, loaded for production. {@link #load} verifies the artifact's checksums (and signature, when
 * {@code LEPTON_VERIFY_KEY} is set) before anything in it is parsed, checks that this runtime's engine can run it,
 * then rebuilds the network. {@link #predict} takes raw rows (field name to value) and applies the preparation
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

    private final Artifact artifact;
    private final JsonObject manifest;
    private final InputSchema schema;
    private final Architecture architecture;
    private final Model model;
    private final TextTokenizer tokenizer;
    private final InputProfile profile;
    private final LongAdder truncated = new LongAdder();

    private LeptonModel(Artifact artifact, Device device) {
        this.artifact = artifact;
        this.manifest = artifact.manifest();
        checkFormat();
        try {
            this.schema = InputSchema.fromJson(artifact.text(ArtifactLayout.SCHEMA));
            this.architecture = Architecture.fromJson(artifact.text(ArtifactLayout.ARCHITECTURE));
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(artifact.source() + ": " + e.getMessage(), e);
        }
        long inputs = Arrays.stream(architecture.input()).reduce(1, Math::multiplyExact);
        if (inputs != schema.width()) {
            throw new ArtifactException(artifact.source() + ": the schema's fields make " + schema.width()
                    + " features but the network takes " + inputs
                    + ". The artifact is inconsistent; promote the run again.");
        }
        if (architecture.readsText() == schema.textFields().isEmpty()) {
            throw new ArtifactException(
                    artifact.source() + ": the network " + (architecture.readsText() ? "reads" : "reads no")
                            + " text but the schema has " + schema.textFields().size()
                            + " text fields. The artifact is inconsistent; promote the run again.");
        }
        checkEngine();
        this.profile = profile(artifact);
        this.tokenizer = architecture.readsText() ? ArtifactTokenizer.open(artifact, architecture) : null;
        this.model = Model.newInstance(name(), device, ENGINE);
        try {
            model.setBlock(architecture.newBlock());
            loadWeights();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Loads the artifact file at {@code file}. */
    public static LeptonModel load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ArtifactException("Cannot read the artifact " + file + ": " + e.getMessage(), e);
        }
        return load(bytes, file.toString());
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
            MavenCoordinates coordinates = MavenCoordinates.parse(location);
            return load(coordinates.read(), location);
        }
        throw new ArtifactException("No artifact at '" + location
                + "': it is neither a file, classpath:RESOURCE, nor Maven coordinates" + " group:name:version.");
    }

    /** Loads an artifact packed as a classpath resource (for example inside a service's jar). */
    public static LeptonModel loadResource(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        byte[] bytes = classpathBytes(name);
        if (bytes == null) {
            throw new ArtifactException(
                    "No classpath resource " + name + ". Is the model's jar a dependency of this service?");
        }
        return load(bytes, "classpath:" + name);
    }

    /** The bytes of classpath resource {@code name}, or null when there is none. */
    static byte[] classpathBytes(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new ArtifactException("Cannot read classpath resource " + name + ": " + e.getMessage(), e);
        }
    }

    /** Loads artifact bytes read from {@code source}, verifying the signature when {@code LEPTON_VERIFY_KEY} is set. */
    public static LeptonModel load(byte[] bytes, String source) {
        return load(bytes, source, Signing.verifyKeyFromEnvironment());
    }

    /** Loads artifact bytes, requiring a valid signature under {@code verifyKey} when it is not null. */
    public static LeptonModel load(byte[] bytes, String source, PublicKey verifyKey) {
        return new LeptonModel(ArtifactReader.read(bytes, source, verifyKey), RuntimeDevice.fromEnvironment());
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

    private static InputProfile profile(Artifact artifact) {
        if (!artifact.names().contains(ArtifactLayout.PROFILE)) {
            return null;
        }
        try {
            return InputProfile.fromJson(artifact.text(ArtifactLayout.PROFILE));
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(artifact.source() + ": " + e.getMessage(), e);
        }
    }

    public InputSchema schema() {
        return schema;
    }

    /** The manifest: name, version, source run, metrics, parameters, lineage, environment. */
    public JsonObject manifest() {
        return manifest.deepCopy();
    }

    public String name() {
        return manifest.get("name").getAsString();
    }

    public String version() {
        return manifest.get("version").getAsString();
    }

    /** How the artifact stores the weights: as trained (fp32), or compressed at promotion. */
    public Precision precision() {
        return manifest.has("precision")
                ? Precision.of(manifest.get("precision").getAsString())
                : Precision.FP32;
    }

    public String modelCard() {
        return artifact.text(ArtifactLayout.MODEL_CARD);
    }

    /** Whether the artifact's signature was checked against a configured key. */
    public boolean signatureVerified() {
        return artifact.signatureVerified();
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

    private void checkFormat() {
        String format = manifest.has("format") ? manifest.get("format").getAsString() : "(none)";
        if (!format.equals(ArtifactLayout.FORMAT)) {
            throw new ArtifactException("Format check failed for " + artifact.source() + ": entry "
                    + ArtifactLayout.MANIFEST + " says format " + format + ", and this runtime reads "
                    + ArtifactLayout.FORMAT + ". Use the lepton-runtime version that matches the artifact.");
        }
    }

    /** The artifact's engine must be this runtime's, at the same PyTorch major.minor version. */
    private void checkEngine() {
        JsonObject wanted = manifest.getAsJsonObject("engine");
        String wantedName = wanted == null ? "(none)" : wanted.get("name").getAsString();
        String wantedVersion = wanted == null ? "(none)" : wanted.get("version").getAsString();
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
            throw new ArtifactException("Engine check failed for " + artifact.source() + ": entry "
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

    /** DJL's parameter file (full precision), or the compressed weights of {@link Precision#INT8} or {@code FP16}. */
    private void loadWeights() {
        if (!artifact.names().contains(ArtifactLayout.PARAMETERS)) {
            Block block = model.getBlock();
            block.initialize(model.getNDManager(), DataType.FLOAT32, architecture.inputShapes(1));
            try {
                BlockWeights.load(
                        block,
                        Quantization.unpack(artifact.bytes(ArtifactLayout.WEIGHTS), artifact.source()),
                        artifact.source() + " " + ArtifactLayout.WEIGHTS);
            } catch (IOException | IllegalArgumentException e) {
                throw new ArtifactException(
                        "The weights in " + artifact.source() + " do not fit its architecture (" + architecture + "): "
                                + e.getMessage(),
                        e);
            }
            return;
        }
        TemporaryFolder.with("lepton-model-", folder -> {
            Files.write(folder.resolve("model-0000.params"), artifact.bytes(ArtifactLayout.PARAMETERS));
            try {
                model.load(folder, "model");
            } catch (MalformedModelException | IOException e) {
                throw new ArtifactException(
                        "The parameters in " + artifact.source() + " do not fit its architecture (" + architecture
                                + "): " + e.getMessage(),
                        e);
            }
            return null;
        });
    }
}
