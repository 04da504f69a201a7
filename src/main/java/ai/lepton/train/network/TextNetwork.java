package ai.lepton.train.network;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.runtime.model.BertConfig;
import ai.lepton.runtime.model.EncoderSettings;
import ai.lepton.runtime.model.LoraSettings;
import ai.lepton.runtime.model.TextBackbone;
import ai.lepton.runtime.text.TextTokenizer;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingException;
import ai.lepton.train.pretrained.BertWeights;
import ai.lepton.train.pretrained.HuggingFaceFolder;
import ai.lepton.train.pretrained.PretrainedModel;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A pretrained language model fine-tuned on the rows' text: Lepton's BERT encoder with the Hugging Face model's weights
 * (or fresh ones, with {@code init: random}), pooling, the tabular features beside the pooled vector, and a new linear
 * head; its tokenizer reads the text. Weights are named as Hugging Face names them ({@code bert.encoder.layer.0...},
 * {@code classifier.weight}), and checkpoints keep only those that can train.
 */
public final class TextNetwork {

    /** The encoder's dropout while training, as BERT's config.json gives it (hidden and attention dropout 0.1). */
    private static final double ENCODER_DROPOUT = 0.1;

    private TextNetwork() {}

    static Network build(Model model, TrainOptions options, TrainingData data, PretrainedModel.HuggingFace source) {
        HuggingFaceFolder folder = source.folder();
        String described = options.pretrained() + " (found in " + source.foundAt() + ")";
        if (!data.hasText()) {
            throw new TrainingException(
                    "pretrained: " + described + " is a language model: it reads text, and these rows"
                            + " have none. Prepare a text column: %lepton data prepare NAME --target COL --text TEXT_COL, or"
                            + " PrepareOptions.builder(target).optText(List.of(\"TEXT_COL\")).");
        }
        EncoderSettings settings = settings(options, folder, described);
        Architecture architecture = new Architecture(
                "bert", new long[] {data.train().columns()}, List.of(), data.outputs(), options.dropout(), settings);
        SequentialBlock network = architecture.newBlock();
        model.setBlock(network);
        network.initialize(model.getNDManager(), DataType.FLOAT32, architecture.inputShapes(1));
        TextBackbone backbone = (TextBackbone) network.getChildren().get(0).getValue();
        Block head = network.getChildren().get(1).getValue();
        TextTokenizer tokenizer = tokenizer(folder, options, described);
        try {
            if (!options.pretrainedWeights()) { // a from-scratch baseline: every weight trains, at the full rate
                Map<String, Parameter> names = names(backbone, head);
                return Network.untrained(model, architecture, new NamedWeights(names, names.keySet(), null), tokenizer);
            }
            BertWeights.load(backbone.encoder(), folder.weights(), source.foundAt());
            FineTuning fineTuning = FineTuning.of(backbone, architecture.familyOf(), options);
            return new Network(
                    model,
                    architecture,
                    architecture.inputShapes(1),
                    fineTuning,
                    pretrainedIds(backbone),
                    weights(backbone, head, fineTuning, options, folder),
                    tokenizer,
                    null);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private static EncoderSettings settings(TrainOptions options, HuggingFaceFolder folder, String model) {
        BertConfig config = folder.config();
        if (options.maxLength() > config.maxPositions()) {
            throw new TrainingException(
                    "max_length: " + options.maxLength() + " is more than the " + config.maxPositions()
                            + " positions of " + model + ". Use at most " + config.maxPositions() + ".");
        }
        if (options.lora() >= config.hiddenSize()) {
            throw new TrainingException(
                    "lora: " + options.lora() + " is not below the hidden size " + config.hiddenSize() + " of " + model
                            + ": a low-rank adapter has a small rank, such as 4, 8 or 16.");
        }
        String pooling = options.pooling() == TrainOptions.Pooling.AUTO
                ? Objects.requireNonNullElse(folder.pooling(), "mean")
                : options.pooling().name().toLowerCase(Locale.ROOT);
        LoraSettings lora = options.lora() > 0
                ? new LoraSettings(options.lora(), options.loraAlpha(), options.loraDropout())
                : LoraSettings.NONE;
        return new EncoderSettings(config, pooling, options.maxLength(), ENCODER_DROPOUT, lora);
    }

    private static TextTokenizer tokenizer(HuggingFaceFolder folder, TrainOptions options, String model) {
        try {
            return TextTokenizer.open(folder.tokenizer(), options.maxLength());
        } catch (IllegalArgumentException e) {
            throw new TrainingException(
                    "pretrained: the tokenizer of " + model + " cannot be read: " + e.getMessage()
                            + " Copy the model's tokenizer.json again.",
                    e);
        }
    }

    /** Every weight by its Hugging Face name in a sequence classification model. */
    public static Map<String, Parameter> names(TextBackbone backbone, Block head) {
        Map<String, Parameter> names = new LinkedHashMap<>();
        backbone.encoder().huggingFaceNames().forEach((name, parameter) -> names.put("bert." + name, parameter));
        names.put("classifier.weight", head.getParameters().get("weight"));
        names.put("classifier.bias", head.getParameters().get("bias"));
        return names;
    }

    /** The pretrained weights, which train at the backbone's share of the learning rate (adapters are new: full rate). */
    private static Set<String> pretrainedIds(TextBackbone backbone) {
        return backbone.encoder().getParameters().values().stream()
                .filter(parameter -> !FineTuning.isAdapter(parameter))
                .map(Parameter::getId)
                .collect(Collectors.toSet());
    }

    /** The head and whatever of the encoder trains at some epoch; the rest comes from the pretrained model again. */
    private static NamedWeights weights(
            TextBackbone backbone, Block head, FineTuning fineTuning, TrainOptions options, HuggingFaceFolder folder) {
        Map<String, Parameter> names = names(backbone, head);
        Set<Parameter> trained = new HashSet<>(fineTuning.everTrained());
        trained.addAll(head.getParameters().values());
        Set<String> saved = names.entrySet().stream()
                .filter(entry -> trained.contains(entry.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        NamedWeights.Base base = saved.size() == names.size()
                ? null
                : new NamedWeights.Base(options.pretrained(), folder.weightsSha256());
        return new NamedWeights(names, saved, base);
    }
}
