package ai.lepton.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.repository.zoo.ZooModel;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.runtime.model.ModelFamily;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The network a run trains: built from scratch by the model family {@code model:} names, or a pretrained model's
 * backbone with a new head for this data. Closing it releases the pretrained model the backbone was taken from; the
 * network itself lives on in {@link #model()}, which the run's result owns.
 */
final class Network implements AutoCloseable {

    private final Model model;
    private final Architecture architecture;
    private final FineTuning fineTuning;
    private final Set<String> backbone;
    private final ZooModel<NDList, NDList> pretrained;

    private Network(
            Model model,
            Architecture architecture,
            FineTuning fineTuning,
            Set<String> backbone,
            ZooModel<NDList, NDList> pretrained) {
        this.model = model;
        this.architecture = architecture;
        this.fineTuning = fineTuning;
        this.backbone = backbone;
        this.pretrained = pretrained;
    }

    static Network build(String name, TrainOptions options, TrainingData data, Device device) {
        Model model = Model.newInstance(name, device, "PyTorch");
        try {
            return options.pretrained() == null
                    ? fromScratch(model, options, data)
                    : fineTuned(model, options, data, device);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static Network fromScratch(Model model, TrainOptions options, TrainingData data) {
        ModelFamily family = ModelFamily.named(options.model());
        String refusal = family.refusal(data.rowShape());
        if (refusal != null) {
            throw new TrainingException("model: " + family.name() + " " + refusal + ", but the data's rows have shape "
                    + Arrays.toString(data.rowShape()) + ". Use model: mlp for tabular data, or train on an ImageSet.");
        }
        Architecture architecture =
                new Architecture(family.name(), data.rowShape(), options.hidden(), data.outputs(), options.dropout());
        model.setBlock(architecture.newBlock());
        return new Network(model, architecture, null, Set.of(), null);
    }

    private static Network fineTuned(Model model, TrainOptions options, TrainingData data, Device device) {
        ZooModel<NDList, NDList> pretrained = Pretrained.load(options.pretrained(), device);
        try {
            Architecture base = Pretrained.architecture(pretrained);
            if (!Arrays.equals(base.input(), data.rowShape())) {
                throw new TrainingException(
                        "The pretrained model takes rows of shape " + Arrays.toString(base.input())
                                + ", but the data's rows have shape " + Arrays.toString(data.rowShape())
                                + ". Prepare the data to the model's input (same image size and channels), or train from scratch.");
            }
            Architecture architecture =
                    new Architecture(base.family(), base.input(), base.hidden(), data.outputs(), base.dropout());
            Block backbone = ((SequentialBlock) pretrained.getBlock())
                    .getChildren()
                    .get(0)
                    .getValue();
            for (Parameter parameter : backbone.getParameters().values()) {
                parameter.getArray().attach(model.getNDManager()); // the pretrained model is closed after training
            }
            ModelFamily family = architecture.familyOf();
            model.setBlock(new SequentialBlock().add(backbone).add(family.head(data.outputs())));
            Set<String> ids = backbone.getParameters().values().stream()
                    .map(Parameter::getId)
                    .collect(Collectors.toSet());
            return new Network(model, architecture, FineTuning.of(backbone, family, options), ids, pretrained);
        } catch (RuntimeException e) {
            pretrained.close();
            throw e;
        }
    }

    Model model() {
        return model;
    }

    Architecture architecture() {
        return architecture;
    }

    /** The listeners this network adds to training: its fine-tuning's freezing, when it fine-tunes. */
    List<TrainingListener> listeners() {
        return fineTuning == null ? List.of() : List.of(fineTuning);
    }

    /** How fine-tuning freezes the backbone, for the run's record; null when training from scratch. */
    String fineTuning() {
        return fineTuning == null ? null : fineTuning.describe();
    }

    /** The ids of the pretrained backbone's parameters, which train at a share of the learning rate. */
    Set<String> backboneParameters() {
        return backbone;
    }

    @Override
    public void close() {
        if (pretrained != null) {
            pretrained.close();
        }
    }
}
