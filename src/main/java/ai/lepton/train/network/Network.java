package ai.lepton.train.network;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.repository.zoo.ZooModel;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.batch.BatchDataset;
import ai.lepton.data.batch.EpochBatches;
import ai.lepton.data.batch.TextBatches;
import ai.lepton.runtime.model.Architecture;
import ai.lepton.runtime.model.ModelFamily;
import ai.lepton.runtime.model.TextBackbone;
import ai.lepton.runtime.text.TextTokenizer;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingException;
import ai.lepton.train.listener.TrainingListener;
import ai.lepton.train.pretrained.PretrainedException;
import ai.lepton.train.pretrained.PretrainedLocator;
import ai.lepton.train.pretrained.PretrainedModel;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The network a run trains: built from scratch by the model family {@code model:} names, a pretrained Lepton model's
 * backbone with a new head for this data, or a pretrained language model ({@link TextNetwork}) reading the rows' text.
 * It makes the run's batches (text is tokenized by the model's own tokenizer) and says how its weights are kept in
 * checkpoints. Closing it releases the pretrained model and the tokenizer; the network itself lives on in
 * {@link #model()}, which the run's result owns.
 */
public final class Network implements AutoCloseable {

    /** Validation batches hold at least this many rows: no gradients, so larger batches are cheap. */
    private static final int VALIDATION_BATCH = 256;

    private final Model model;
    private final Architecture architecture;
    private final Shape[] inputShapes;
    private final FineTuning fineTuning;
    private final Set<String> backbone;
    private final NetworkWeights weights;
    private final TextTokenizer tokenizer;
    private final AutoCloseable resources;

    Network(
            Model model,
            Architecture architecture,
            Shape[] inputShapes,
            FineTuning fineTuning,
            Set<String> backbone,
            NetworkWeights weights,
            TextTokenizer tokenizer,
            AutoCloseable resources) {
        this.model = model;
        this.architecture = architecture;
        this.inputShapes = inputShapes.clone();
        this.fineTuning = fineTuning;
        this.backbone = backbone;
        this.weights = weights;
        this.tokenizer = tokenizer;
        this.resources = resources;
    }

    public static Network build(String name, TrainOptions options, TrainingData data, Device device) {
        Model model = Model.newInstance(name, device, "PyTorch");
        try {
            if (options.pretrained() == null) {
                return fromScratch(model, options, data);
            }
            try {
                return switch (PretrainedLocator.resolve(options.pretrained())) {
                    case PretrainedModel.Lepton lepton -> fineTuned(model, options, data, lepton.location(), device);
                    case PretrainedModel.HuggingFace huggingFace ->
                        TextNetwork.build(model, options, data, huggingFace);
                    case PretrainedModel.TorchScript torchScript ->
                        TorchScriptNetwork.build(model, options, data, torchScript, device);
                };
            } catch (PretrainedException e) { // a training error like any other, for the run's record and the user
                throw new TrainingException(e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static Network fromScratch(Model model, TrainOptions options, TrainingData data) {
        ModelFamily family = ModelFamily.named(options.model());
        String refusal = family.refusal(data.rowShape(), data.hasText());
        if (refusal != null) {
            throw new TrainingException("model: " + family.name() + " " + refusal + ", but the data's rows have shape "
                    + Arrays.toString(data.rowShape()) + (data.hasText() ? " and text" : "") + ". "
                    + (data.hasText() || family.name().equals("bert")
                            ? "A text model is a pretrained one: set pretrained (init: random trains its architecture"
                                    + " from scratch)."
                            : "Use model: mlp for tabular data, or train on an ImageSet."));
        }
        Architecture architecture =
                new Architecture(family.name(), data.rowShape(), options.hidden(), data.outputs(), options.dropout());
        model.setBlock(architecture.newBlock());
        return untrained(model, architecture, NetworkWeights.whole(model), null);
    }

    /** A network whose every weight trains at the full rate from its initial values: nothing pretrained in it. */
    static Network untrained(Model model, Architecture architecture, NetworkWeights weights, TextTokenizer tokenizer) {
        return new Network(model, architecture, architecture.inputShapes(1), null, Set.of(), weights, tokenizer, null);
    }

    private static Network fineTuned(
            Model model, TrainOptions options, TrainingData data, Path location, Device device) {
        if (data.hasText()) {
            throw new TrainingException("pretrained: " + options.pretrained() + " is a Lepton model, which reads no"
                    + " text, and these rows have a text column. Fine-tune a language model on them, such as"
                    + " pretrained: sentence-transformers/all-MiniLM-L6-v2.");
        }
        ZooModel<NDList, NDList> pretrained = LeptonModelFolder.load(location, device);
        try {
            Architecture base = LeptonModelFolder.architecture(pretrained);
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
            return new Network(
                    model,
                    architecture,
                    architecture.inputShapes(1),
                    FineTuning.of(backbone, family, options),
                    parameterIds(backbone),
                    NetworkWeights.whole(model),
                    null,
                    pretrained);
        } catch (RuntimeException e) {
            pretrained.close();
            throw e;
        }
    }

    static Set<String> parameterIds(Block block) {
        return block.getParameters().values().stream().map(Parameter::getId).collect(Collectors.toSet());
    }

    public Model model() {
        return model;
    }

    public Architecture architecture() {
        return architecture;
    }

    /** The listeners this network adds to training: its fine-tuning's freezing, when it fine-tunes. */
    public List<TrainingListener> listeners() {
        return fineTuning == null ? List.of() : List.of(fineTuning);
    }

    /** How fine-tuning freezes the backbone, for the run's record; null when training from scratch. */
    public String fineTuning() {
        return fineTuning == null ? null : fineTuning.describe();
    }

    /** The ids of the pretrained backbone's parameters, which train at a share of the learning rate. */
    public Set<String> backboneParameters() {
        return backbone;
    }

    /** How checkpoints keep this network's weights. */
    public NetworkWeights weights() {
        return weights;
    }

    /**
     * What the trainer drives: this network and its batches (text tokenized by the model's tokenizer and padded per
     * batch; otherwise cut from the feature buffer), or, when no weight of a text encoder trains in the run, only the
     * head over the texts {@link FrozenEncoder encoded once}, with {@link ProbeEpochs enough passes} to converge.
     */
    public Trainable trainable(TrainingData data, TrainOptions options) {
        int validationBatch = Math.max(options.batch(), VALIDATION_BATCH);
        if (tokenizer == null) {
            return new Trainable(
                    model,
                    rowBatches(data.train(), data, options.batch(), options.seed()),
                    data.validation().rows() == 0 ? null : rowBatches(data.validation(), data, validationBatch, null),
                    inputShapes,
                    null,
                    null);
        }
        TextBatches train = TextBatches.builder(data.train(), data.task())
                .optBatchSize(options.batch())
                .optShuffle(options.seed())
                .build(tokenizer);
        String truncation =
                train.truncated() == 0 ? null : train.truncated() + " of " + train.rows() + " training texts";
        if (!frozen()) {
            EpochBatches validation = data.validation().rows() == 0
                    ? null
                    : TextBatches.builder(data.validation(), data.task())
                            .optBatchSize(validationBatch)
                            .build(tokenizer);
            return new Trainable(model, train, validation, inputShapes, truncation, null);
        }
        return headOverEncodedTexts(data, options, true, truncation);
    }

    /**
     * The new head alone over the training texts encoded once by the pretrained encoder, to fit as a probe before the
     * encoder fine-tunes (linear probing, then fine-tuning): present when this network fine-tunes some of a pretrained
     * text encoder's weights and {@code probe_first} is on. LoRA's adapters start at zero, so the encoder's vectors are
     * the pretrained ones and the network's output after the probe is the probe's.
     */
    public Optional<Trainable> headProbe(TrainingData data, TrainOptions options) {
        boolean fineTunesText = tokenizer != null && fineTuning != null && !frozen();
        return fineTunesText && options.probeFirst()
                ? Optional.of(headOverEncodedTexts(data, options, false, null))
                : Optional.empty();
    }

    /** Whether no weight of the pretrained backbone trains in any epoch of the run. */
    private boolean frozen() {
        return fineTuning != null && fineTuning.everTrained().isEmpty();
    }

    /**
     * The head (behind the network's dropout) over the texts {@link FrozenEncoder encoded once}, with
     * {@link ProbeEpochs enough passes} to converge, validated on the encoded validation texts when {@code validated}.
     */
    private Trainable headOverEncodedTexts(
            TrainingData data, TrainOptions options, boolean validated, String truncation) {
        SequentialBlock network = (SequentialBlock) model.getBlock();
        TextBackbone backbone = (TextBackbone) network.getChildren().get(0).getValue();
        FeatureMatrix encoded =
                FrozenEncoder.encode(backbone, data.train(), data.task(), tokenizer, model.getNDManager());
        FeatureMatrix encodedValidation = !validated || data.validation().rows() == 0
                ? null
                : FrozenEncoder.encode(backbone, data.validation(), data.task(), tokenizer, model.getNDManager());
        TrainingData pooled = new TrainingData(
                encoded,
                encodedValidation == null ? encoded.select(new int[0]) : encodedValidation,
                data.task(),
                data.labels(),
                new long[] {encoded.columns()},
                "pooled texts");
        Model head = Model.newInstance(
                model.getName() + "-head", model.getNDManager().getDevice(), "PyTorch");
        head.setBlock(new SequentialBlock()
                .add(Dropout.builder().optRate((float) architecture.dropout()).build())
                .add(network.getChildren().get(1).getValue()));
        int validationBatch = Math.max(options.batch(), VALIDATION_BATCH);
        return new Trainable(
                head,
                ProbeEpochs.of(rowBatches(encoded, pooled, options.batch(), options.seed()), options),
                encodedValidation == null ? null : rowBatches(encodedValidation, pooled, validationBatch, null),
                new Shape[] {new Shape(1, encoded.columns())},
                truncation,
                head);
    }

    /** Batches cut from the feature buffer: shuffled from {@code seed} and prefetched, or in order when it is null. */
    private static EpochBatches rowBatches(FeatureMatrix rows, TrainingData data, int size, Long seed) {
        BatchDataset.Builder batches =
                BatchDataset.builder(rows, data.task()).optBatchSize(size).optRowShape(data.rowShape());
        return (seed == null ? batches : batches.optShuffle(seed).optPrefetch(true)).build();
    }

    @Override
    public void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
        if (resources != null) {
            try {
                resources.close();
            } catch (Exception e) {
                throw new TrainingException("Could not release the pretrained model: " + e.getMessage(), e);
            }
        }
    }
}
