package ai.lepton.train.loop;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.runtime.model.TextBackbone;
import ai.lepton.track.RunRecord;
import ai.lepton.train.TrainingException;
import ai.lepton.train.network.NamedWeights;
import ai.lepton.train.network.TextNetwork;
import ai.lepton.train.pretrained.BertWeights;
import ai.lepton.train.pretrained.HuggingFaceFolder;
import ai.lepton.train.pretrained.PretrainedException;
import ai.lepton.train.pretrained.PretrainedLocator;
import ai.lepton.train.pretrained.PretrainedModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A finished run's network rebuilt on the CPU from its final checkpoint ({@link Training#finalWeights}), whole: a
 * text model's frozen weights come from its pretrained model again (the checkpoint names their SHA-256), and its
 * tokenizer is the pretrained model's. What promotion judges and packages, and explanations and plots evaluate.
 */
public final class RestoredNetwork implements AutoCloseable {

    private final Model model;
    private final Architecture architecture;
    private final Path tokenizer;
    private final Path parameters;

    private RestoredNetwork(Model model, Architecture architecture, Path tokenizer, Path parameters) {
        this.model = model;
        this.architecture = architecture;
        this.tokenizer = tokenizer;
        this.parameters = parameters;
    }

    /** Rebuilds {@code run}'s network; refused, saying why, when its checkpoint or pretrained model is not here. */
    public static RestoredNetwork of(RunRecord run) {
        Path folder = Training.finalWeights(run);
        Architecture architecture;
        try {
            architecture = Architecture.fromJson(Files.readString(folder.resolve(Architecture.FILE)));
        } catch (IOException | IllegalArgumentException e) {
            throw new TrainingException(
                    "The run's weights in " + folder + " have no readable " + Architecture.FILE + ": " + e.getMessage(),
                    e);
        }
        Model model = Model.newInstance(run.name(), Device.cpu(), "PyTorch");
        try {
            SequentialBlock network = architecture.newBlock();
            model.setBlock(network);
            if (!architecture.readsText()) {
                model.load(folder, "model");
                return new RestoredNetwork(model, architecture, null, folder.resolve("model-0000.params"));
            }
            network.initialize(model.getNDManager(), DataType.FLOAT32, architecture.inputShapes(1));
            HuggingFaceFolder pretrained = pretrainedFolder(run);
            TextBackbone backbone = (TextBackbone) network.getChildren().get(0).getValue();
            Block head = network.getChildren().get(1).getValue();
            NamedWeights.Base base = null;
            if (Files.exists(
                    folder.resolve(NamedWeights.BASE))) { // only what trained was saved: the rest is pretrained
                BertWeights.load(
                        backbone.encoder(),
                        pretrained.weights(),
                        pretrained.folder().toString());
                base = new NamedWeights.Base(run.lineage().pretrained(), pretrained.weightsSha256());
            }
            NamedWeights.restore(TextNetwork.names(backbone, head), base, folder);
            return new RestoredNetwork(model, architecture, pretrained.tokenizer(), null);
        } catch (IOException | MalformedModelException e) {
            model.close();
            throw new TrainingException(
                    "The run's weights in " + folder + " cannot be loaded: " + e.getMessage() + ".", e);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static HuggingFaceFolder pretrainedFolder(RunRecord run) {
        String reference = run.lineage().pretrained();
        try {
            if (reference != null
                    && PretrainedLocator.resolve(reference) instanceof PretrainedModel.HuggingFace huggingFace) {
                return huggingFace.folder();
            }
        } catch (PretrainedException e) {
            throw new TrainingException(
                    "Run " + run.id() + " fine-tuned " + reference + ", which is needed again to"
                            + " rebuild its network: " + e.getMessage(),
                    e);
        }
        throw new TrainingException("Run " + run.id() + " trained a text model but records no language model it"
                + " started from (pretrained: " + reference + "); its network cannot be rebuilt.");
    }

    /** The network, on the CPU, in its final weights. */
    public Model model() {
        return model;
    }

    public Architecture architecture() {
        return architecture;
    }

    /** A text model's {@code tokenizer.json}; null for a model that reads no text. */
    public Path tokenizer() {
        return tokenizer;
    }

    /**
     * DJL's parameter file holding every weight of the network, when the checkpoint is one (the families that train
     * every weight); null for a text model, whose whole weights are assembled from the checkpoint and the pretrained
     * model.
     */
    public Path parameters() {
        return parameters;
    }

    @Override
    public void close() {
        model.close();
    }
}
