package ai.lepton.evaluate;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.runtime.Inference;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.runtime.text.TextTokenizer;
import ai.lepton.runtime.weights.BlockWeights;
import ai.lepton.runtime.weights.Tensor;
import ai.lepton.track.RunRecord;
import ai.lepton.train.TrainingException;
import ai.lepton.train.loop.RestoredNetwork;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's model as training left it, rebuilt from its final checkpoint: the model promotion packages and the reference
 * the packaged copy must reproduce; or the same network with other weights (compressed ones, to measure what
 * compression costs). A text model tokenizes its rows' texts as training did. Outputs are class probabilities (softmax)
 * or values.
 */
public final class TrainedModel implements AutoCloseable {

    private final Model model;
    private final Architecture architecture;
    private final Path tokenizerFile;
    private final Path parameters;
    private final TextTokenizer tokenizer;
    private final boolean classification;

    private TrainedModel(
            Model model, Architecture architecture, Path tokenizerFile, Path parameters, boolean classification) {
        this.model = model;
        this.architecture = architecture;
        this.tokenizerFile = tokenizerFile;
        this.parameters = parameters;
        this.classification = classification;
        try {
            this.tokenizer = tokenizerFile == null
                    ? null
                    : TextTokenizer.open(tokenizerFile, architecture.encoder().maxLength());
        } catch (IllegalArgumentException e) {
            model.close();
            throw new EvaluationException("The run's tokenizer cannot be read: " + e.getMessage(), e);
        }
    }

    static TrainedModel load(RunRecord run, boolean classification) {
        RestoredNetwork network;
        try {
            network = RestoredNetwork.of(run);
        } catch (TrainingException e) {
            throw new EvaluationException(e.getMessage(), e);
        }
        return new TrainedModel(
                network.model(), network.architecture(), network.tokenizer(), network.parameters(), classification);
    }

    /** This model's network with {@code weights} (by parameter path) in place of its own. */
    public TrainedModel withWeights(Map<String, Tensor> weights) {
        Model other = Model.newInstance(model.getName() + "-compressed", Device.cpu(), "PyTorch");
        try {
            Block block = architecture.newBlock();
            other.setBlock(block);
            block.initialize(other.getNDManager(), DataType.FLOAT32, architecture.inputShapes(1));
            BlockWeights.load(block, weights, "the compressed weights");
        } catch (RuntimeException e) {
            other.close();
            throw e;
        }
        return new TrainedModel(other, architecture, tokenizerFile, null, classification);
    }

    public Architecture architecture() {
        return architecture;
    }

    /** Every weight, by DJL's parameter path. */
    public Map<String, Tensor> weights() {
        return BlockWeights.of(model.getBlock());
    }

    /** DJL's parameter file of the whole network: the checkpoint's own when it is one, else saved into {@code folder}. */
    public Path saveParameters(Path folder) throws IOException {
        if (parameters != null) {
            return parameters;
        }
        model.save(folder, "model");
        return folder.resolve("model-0000.params");
    }

    /** A text model's {@code tokenizer.json}; null for one that reads no text. */
    public Path tokenizerFile() {
        return tokenizerFile;
    }

    /** Outputs for every row: rows × classes probabilities, or one value per row. */
    float[] outputs(FeatureMatrix rows) {
        if (tokenizer == null) {
            return Inference.outputs(model, architecture, rows.features(), rows.rows(), classification);
        }
        List<String> texts = new ArrayList<>(rows.rows());
        for (int row = 0; row < rows.rows(); row++) {
            texts.add(tokenizer.join(rows.texts(row)));
        }
        return Inference.outputs(
                model, tokenizer, tokenizer.encode(texts), rows.features(), rows.columns(), classification);
    }

    @Override
    public void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
        model.close();
    }
}
