package ai.lepton.runtime.artifact;

import ai.lepton.runtime.weights.Precision;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An artifact's {@code manifest.json} as a value — its provenance, in Tribuo's sense: what the model is, the run it came
 * from and what that run learnt from and ran on, how it scored on its held-out rows, and how its weights are stored.
 * Promotion builds one ({@link #builder}) and {@link ManifestJson} writes and reads it.
 *
 * <p>Read tolerantly: the name, version and engine are required (the runtime needs them to load the model); every other
 * field may be missing, as in an artifact of an older Lepton, and then reads as documented below: text and times null,
 * counts 0, maps and lists empty, a section empty ({@link SourceRun#NONE}, {@link Lineage#NONE},
 * {@link Environment#NONE}, {@link Dependencies#NONE}).
 *
 * @param name              the registered model's name
 * @param version           its version
 * @param created           when it was promoted; null when not recorded
 * @param promotedBy        who promoted it; null when not recorded
 * @param sourceRun         the run whose model it is
 * @param metrics           the packaged model's metrics on the held-out rows, by name, in the order recorded
 * @param precision         how the artifact stores the weights (fp32 when the manifest predates compression)
 * @param compression       what storing them at {@code precision} cost; null when they are stored as trained
 * @param heldOutRows       how many held-out rows the metrics were measured on; 0 when not recorded
 * @param featureImportance permutation importance of each input on the held-out rows, most important first
 * @param params            the run's hyperparameters, as text
 * @param lineage           what the run learnt from
 * @param environment       what the run ran on
 * @param engine            the engine it was trained on
 * @param dependencies      the versions promotion ran with
 */
public record Manifest(
        String name,
        String version,
        Instant created,
        String promotedBy,
        SourceRun sourceRun,
        Map<String, Double> metrics,
        Precision precision,
        Compression compression,
        int heldOutRows,
        Map<String, Double> featureImportance,
        Map<String, String> params,
        Lineage lineage,
        Environment environment,
        Engine engine,
        Dependencies dependencies) {

    public Manifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(engine, "engine");
        sourceRun = sourceRun == null ? SourceRun.NONE : sourceRun;
        metrics = ordered(metrics);
        precision = precision == null ? Precision.FP32 : precision;
        featureImportance = ordered(featureImportance);
        params = ordered(params);
        lineage = lineage == null ? Lineage.NONE : lineage;
        environment = environment == null ? Environment.NONE : environment;
        dependencies = dependencies == null ? Dependencies.NONE : dependencies;
    }

    /** A manifest of model {@code name} {@code version}, trained on {@code engine}; the rest is optional. */
    public static Builder builder(String name, String version, Engine engine) {
        return new Builder(name, version, engine);
    }

    /** The SHA-256 of the notebook cells that trained the run; null when it was not trained from a notebook. */
    public String notebookSha256() {
        return environment.notebookCellsSha256();
    }

    /** An unmodifiable copy of {@code map} in its order; null is empty. */
    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * The run a model was promoted from.
     *
     * @param id       the run's id; null when not recorded
     * @param name     the run's name; null when not recorded
     * @param started  when it started; null when not recorded
     * @param ended    when it ended; null when not recorded
     * @param parentId the run it belongs to or builds on (a sweep, a fine-tuned base); null when none
     */
    public record SourceRun(String id, String name, Instant started, Instant ended, String parentId) {

        /** A manifest that names no run. */
        public static final SourceRun NONE = new SourceRun(null, null, null, null, null);
    }

    /**
     * What storing the weights at a smaller precision cost, measured on the held-out rows at promotion.
     *
     * @param weightsBytes     the stored weights' size
     * @param fp32WeightsBytes the same weights' size at fp32
     * @param fp32Metrics      the uncompressed model's metrics on the same rows
     * @param cost             accuracy lost (a fraction) or RMSE's relative rise; negative when compression did better
     */
    public record Compression(long weightsBytes, long fp32WeightsBytes, Map<String, Double> fp32Metrics, double cost) {

        public Compression {
            fp32Metrics = ordered(fp32Metrics);
        }
    }

    /**
     * What the run learnt from (the run store's lineage, less the preparation, which is an entry of its own).
     *
     * @param dataset            the table the data was prepared from; null for other data
     * @param datasetFingerprint that table's fingerprint; null for other data
     * @param heldOutSha256      names the raw held-out test rows; null when none were kept
     * @param origin             what the data was when not a prepared table ("1200 training images"); else null
     * @param trainRows          training rows; 0 when not recorded
     * @param validationRows     validation rows; 0 when not recorded
     * @param labels             class names in index order; empty for regression
     * @param pretrained         the pretrained model the run fine-tuned; null when trained from scratch
     */
    public record Lineage(
            String dataset,
            String datasetFingerprint,
            String heldOutSha256,
            String origin,
            int trainRows,
            int validationRows,
            List<String> labels,
            String pretrained) {

        /** A manifest that records no lineage. */
        public static final Lineage NONE = new Lineage(null, null, null, null, 0, 0, List.of(), null);

        public Lineage {
            labels = labels == null ? List.of() : List.copyOf(labels);
        }
    }

    /**
     * What the run ran on, as training recorded it; each fact is null when it was not recorded (the GPU's facts on a
     * CPU, git's outside a repository, the notebook's outside one).
     *
     * @param jdk                  the JDK's version
     * @param jdkVendor            its vendor
     * @param os                   the operating system, its version and architecture
     * @param cpus                 the processors the JVM saw
     * @param maxHeapBytes         the JVM's largest heap
     * @param lepton               Lepton's version
     * @param djl                  DJL's version
     * @param workingDirectory     the working directory
     * @param gitCommit            the working repository's commit
     * @param gitDirty             whether it had uncommitted changes
     * @param notebook             the notebook's path
     * @param notebookCells        the cells that produced the run, secrets redacted; empty when none
     * @param notebookCellsSha256  their SHA-256
     * @param variables            the environment variables, secrets redacted; empty when none
     * @param engine               the engine and its version ({@code PyTorch 2.7.1})
     * @param device               the device it trained on ({@code cpu()}, {@code gpu(0)})
     * @param gpuCount             the GPUs the engine saw
     * @param cuda                 CUDA's version
     * @param gpuComputeCapability the GPU's compute capability
     * @param gpuMemoryBytes       the GPU's memory
     */
    public record Environment(
            String jdk,
            String jdkVendor,
            String os,
            Integer cpus,
            Long maxHeapBytes,
            String lepton,
            String djl,
            String workingDirectory,
            String gitCommit,
            Boolean gitDirty,
            String notebook,
            List<String> notebookCells,
            String notebookCellsSha256,
            Map<String, String> variables,
            String engine,
            String device,
            Integer gpuCount,
            String cuda,
            String gpuComputeCapability,
            Long gpuMemoryBytes) {

        /** A manifest that records no environment. */
        public static final Environment NONE = new Environment(
                null, null, null, null, null, null, null, null, null, null, null, List.of(), null, Map.of(), null, null,
                null, null, null, null);

        public Environment {
            notebookCells = notebookCells == null ? List.of() : List.copyOf(notebookCells);
            variables = ordered(variables);
        }
    }

    /**
     * A deep learning engine and its version.
     *
     * @param name    DJL's name for it ({@code PyTorch})
     * @param version its version ({@code 2.7.1})
     */
    public record Engine(String name, String version) {

        public Engine {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * The versions promotion ran with; each null when not recorded.
     *
     * @param lepton  Lepton's
     * @param djl     DJL's
     * @param pytorch PyTorch's
     * @param jdk     the JDK's
     */
    public record Dependencies(String lepton, String djl, String pytorch, String jdk) {

        /** A manifest that records no versions. */
        public static final Dependencies NONE = new Dependencies(null, null, null, null);
    }

    /**
     * A manifest's optional fields, each {@code opt*} setting one; what is not set reads as the record documents.
     * Promotion sets them all.
     */
    public static final class Builder {

        private final String name;
        private final String version;
        private final Engine engine;
        private Instant created;
        private String promotedBy;
        private SourceRun sourceRun;
        private Map<String, Double> metrics;
        private Precision precision;
        private Compression compression;
        private int heldOutRows;
        private Map<String, Double> featureImportance;
        private Map<String, String> params;
        private Lineage lineage;
        private Environment environment;
        private Dependencies dependencies;

        private Builder(String name, String version, Engine engine) {
            this.name = name;
            this.version = version;
            this.engine = engine;
        }

        public Builder optCreated(Instant created) {
            this.created = created;
            return this;
        }

        public Builder optPromotedBy(String user) {
            this.promotedBy = user;
            return this;
        }

        public Builder optSourceRun(SourceRun run) {
            this.sourceRun = run;
            return this;
        }

        /** The packaged model's metrics on the held-out rows. */
        public Builder optMetrics(Map<String, Double> metrics) {
            this.metrics = metrics;
            return this;
        }

        /** Weights stored at {@code precision}, having cost {@code compression} (null for fp32, as trained). */
        public Builder optPrecision(Precision precision, Compression compression) {
            this.precision = precision;
            this.compression = compression;
            return this;
        }

        public Builder optHeldOutRows(int rows) {
            this.heldOutRows = rows;
            return this;
        }

        public Builder optFeatureImportance(Map<String, Double> importance) {
            this.featureImportance = importance;
            return this;
        }

        public Builder optParams(Map<String, String> params) {
            this.params = params;
            return this;
        }

        public Builder optLineage(Lineage lineage) {
            this.lineage = lineage;
            return this;
        }

        public Builder optEnvironment(Environment environment) {
            this.environment = environment;
            return this;
        }

        public Builder optDependencies(Dependencies dependencies) {
            this.dependencies = dependencies;
            return this;
        }

        public Manifest build() {
            return new Manifest(
                    name,
                    version,
                    created,
                    promotedBy,
                    sourceRun,
                    metrics,
                    precision,
                    compression,
                    heldOutRows,
                    featureImportance,
                    params,
                    lineage,
                    environment,
                    engine,
                    dependencies);
        }
    }
}
