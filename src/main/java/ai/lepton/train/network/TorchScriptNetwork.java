package ai.lepton.train.network;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingException;
import ai.lepton.train.pretrained.PretrainedModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TorchScript module as a trainable backbone: PyTorch runs the module itself (its parameters train, through DJL's
 * {@link PtSymbolBlock}), and a new linear head on its output fits this data. The module takes the batch as the data
 * gives it (rows of features, or images) and returns one feature vector per row. It trains whole ({@code trainable: -1}
 * or {@code 1}) or not at all ({@code 0}).
 */
final class TorchScriptNetwork {

    /** The name architecture.json gives such a network; no model family rebuilds it, the module file does. */
    static final String FAMILY = "torchscript";

    private TorchScriptNetwork() {}

    static Network build(
            Model model, TrainOptions options, TrainingData data, PretrainedModel.TorchScript source, Device device) {
        if (data.hasText()) {
            throw new TrainingException("pretrained: " + source.file() + " is a TorchScript module, which Lepton feeds"
                    + " rows of features or images, and these rows have text. Fine-tune a Hugging Face model on text,"
                    + " such as pretrained: sentence-transformers/all-MiniLM-L6-v2.");
        }
        PtSymbolBlock backbone = load(model, source);
        backbone.freezeParameters(false);
        Block head = Linear.builder().setUnits(data.outputs()).build();
        SequentialBlock network = new SequentialBlock().add(backbone).add(head);
        model.setBlock(network);
        Shape[] inputs = {new Shape(1).addAll(new Shape(data.rowShape()))};
        try {
            network.initialize(model.getNDManager(), DataType.FLOAT32, inputs);
        } catch (RuntimeException e) {
            throw new TrainingException(
                    "pretrained: the TorchScript module " + source.file() + " cannot read rows of"
                            + " shape " + inputs[0] + " (" + e.getMessage()
                            + "). It must take a batch of the data's rows and"
                            + " return one feature vector per row.",
                    e);
        }
        Map<String, Parameter> names = new LinkedHashMap<>();
        backbone.getParameters().forEach(pair -> names.put("backbone." + pair.getKey(), pair.getValue()));
        names.put("classifier.weight", head.getParameters().get("weight"));
        names.put("classifier.bias", head.getParameters().get("bias"));
        return new Network(
                model,
                new Architecture(FAMILY, data.rowShape(), List.of(), data.outputs(), 0),
                inputs,
                FineTuning.whole(backbone, options),
                Network.parameterIds(backbone),
                new NamedWeights(names, names.keySet(), null),
                null,
                null);
    }

    private static PtSymbolBlock load(Model model, PretrainedModel.TorchScript source) {
        try {
            return JniUtils.loadModule(
                    (PtNDManager) model.getNDManager(),
                    source.file(),
                    true, // onto the run's device
                    new String[0],
                    new String[0],
                    true);
        } catch (RuntimeException e) {
            throw new TrainingException(
                    "pretrained: " + source.file() + " is not a TorchScript module Lepton can load ("
                            + e.getMessage()
                            + "). Save one from Python with torch.jit.trace(module, example).save(path) or"
                            + " torch.jit.script(module).save(path).",
                    e);
        }
    }
}
