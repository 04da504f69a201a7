package ai.lepton.promote;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.runtime.Inference;
import ai.lepton.runtime.model.Architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's model as training left it, loaded from its weights folder: the model promotion packages and the
 * reference the packaged copy must reproduce. Outputs are class probabilities (softmax) or values.
 */
final class TrainedModel implements AutoCloseable {

    private final Architecture architecture;
    private final Model model;
    private final boolean classification;

    private TrainedModel(Architecture architecture, Model model, boolean classification) {
        this.architecture = architecture;
        this.model = model;
        this.classification = classification;
    }

    static TrainedModel load(Path weights, boolean classification) {
        Architecture architecture;
        try {
            architecture = Architecture.fromJson(Files.readString(weights.resolve(Architecture.FILE)));
        } catch (IOException | IllegalArgumentException e) {
            throw new PromotionException(
                    "The run's weights in " + weights + " have no readable " + Architecture.FILE + ": "
                            + e.getMessage(),
                    e);
        }
        Model model = Model.newInstance("promotion", Device.cpu(), "PyTorch");
        try {
            model.setBlock(architecture.newBlock());
            model.load(weights, "model");
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new PromotionException("The run's weights in " + weights + " cannot be loaded: " + e.getMessage(), e);
        }
        return new TrainedModel(architecture, model, classification);
    }

    Architecture architecture() {
        return architecture;
    }

    /** Outputs for every row: rows × classes probabilities, or one value per row. */
    float[] outputs(FeatureMatrix rows) {
        return Inference.outputs(model, architecture, rows.features(), rows.rows(), classification);
    }

    @Override
    public void close() {
        model.close();
    }
}
