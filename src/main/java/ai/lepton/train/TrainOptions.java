package ai.lepton.train;

import ai.lepton.options.Option;
import ai.lepton.options.OptionSet;
import ai.lepton.options.OptionTable;
import ai.lepton.options.OptionType;
import ai.lepton.options.OptionValues;
import ai.lepton.runtime.model.ModelFamily;
import ai.lepton.track.Metric;
import ai.lepton.train.pretrained.PretrainedException;
import ai.lepton.train.pretrained.PretrainedLocator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to train and how: the hyperparameters of one run, each declared once below (name, type, default, check, help), so
 * that the YAML body of {@code %%lepton train}, {@code --help}, completion, the builder and a resumed run's parameters
 * all read the same table. Build with {@link #builder()} or read YAML with {@link #parse(String)}; every setting has a
 * default.
 */
public final class TrainOptions extends OptionSet {

    /** How the weights are updated: see {@link #OPTIMIZER}. */
    public enum OptimizerKind {
        ADAM,
        ADAMW,
        SGD
    }

    /** The learning rate's course after warm-up: see {@link #SCHEDULE}. */
    public enum ScheduleKind {
        CONSTANT,
        STEP,
        COSINE,
        LINEAR
    }

    /** Whether a pretrained model's weights are used or only its architecture: see {@link #INIT}. */
    public enum Init {
        PRETRAINED,
        RANDOM
    }

    /** How a text model's token vectors become one per text: see {@link #POOLING}. */
    public enum Pooling {
        AUTO,
        MEAN,
        CLS
    }

    public static final Option<String> MODEL = Option.choice(
            "model",
            ModelFamily.names(),
            "mlp",
            "the model family: mlp (tabular rows), cnn (images); bert comes with a pretrained text model");
    public static final Option<List<Integer>> HIDDEN = Option.of(
                    "hidden",
                    OptionType.WIDTHS,
                    List.of(128, 64),
                    "hidden layer widths (mlp) or convolution channels (cnn)")
            .accepting(widths -> widths.stream().allMatch(width -> width > 0), "positive widths, such as [128, 64]");
    /** The optimizer updates a frozen probe's head gets at least, over all its epochs, so that it converges. */
    public static final int PROBE_UPDATES = 1_000;

    public static final Option<Integer> EPOCHS = Option.of(
                    "epochs",
                    OptionType.WHOLE,
                    20,
                    "passes over the training data at most (a frozen probe's head may pass over its cached text vectors"
                            + " several times an epoch: at least " + PROBE_UPDATES + " updates in all)")
            .accepting(epochs -> epochs >= 1, "at least 1");
    public static final Option<Integer> BATCH =
            Option.of("batch", OptionType.WHOLE, 64, "rows per batch").accepting(batch -> batch >= 1, "at least 1");
    public static final Option<Double> LR = Option.of("lr", OptionType.NUMBER, 1e-3, "the peak learning rate")
            .accepting(lr -> lr > 0 && Double.isFinite(lr), "a positive number, such as 1e-3");
    public static final Option<OptimizerKind> OPTIMIZER = Option.choice(
            "optimizer",
            OptimizerKind.class,
            OptimizerKind.ADAM,
            "adam; adamw (weight decay decoupled, none on biases and LayerNorm); or sgd with momentum 0.9");
    public static final Option<Double> WEIGHT_DECAY = Option.of(
                    "weight_decay",
                    OptionType.NUMBER,
                    0.0,
                    "adam, sgd: an L2 penalty added to every gradient; adamw: the weights' decay per step (× lr)")
            .accepting(decay -> decay >= 0, "0 or more");
    public static final Option<ScheduleKind> SCHEDULE = Option.choice(
            "schedule",
            ScheduleKind.class,
            ScheduleKind.CONSTANT,
            "the learning-rate schedule after warm-up (linear: down to 0 at the last step)");
    public static final Option<Integer> WARMUP = Option.of(
                    "warmup", OptionType.WHOLE, 0, "epochs of linear warm-up from lr/10")
            .accepting(warmup -> warmup >= 0, "0 to epochs - 1");
    public static final Option<Integer> STEP_EVERY = Option.of(
                    "step_every", OptionType.WHOLE, 10, "with schedule: step, epochs between decays")
            .accepting(every -> every >= 1, "at least 1");
    public static final Option<Double> STEP_FACTOR = Option.of(
                    "step_factor", OptionType.NUMBER, 0.1, "with schedule: step, the decay factor")
            .accepting(factor -> factor > 0 && factor <= 1, "in (0, 1]");
    public static final Option<Double> CLIP = Option.of(
                    "clip", OptionType.NUMBER, 0.0, "gradients are clipped to [-clip, clip]; 0 for none")
            .accepting(clip -> clip >= 0, "0 (none) or more");
    public static final Option<Double> CLIP_NORM = Option.of(
                    "clip_norm",
                    OptionType.NUMBER,
                    0.0,
                    "gradients are scaled down so their global L2 norm is at most clip_norm (1.0 is usual); 0 for none")
            .accepting(norm -> norm >= 0, "0 (none) or more");
    public static final Option<Integer> ACCUMULATE = Option.of(
                    "accumulate",
                    OptionType.WHOLE,
                    1,
                    "batches whose gradients add up before each optimizer step: an effective batch of batch × accumulate")
            .accepting(batches -> batches >= 1, "at least 1");
    public static final Option<Double> DROPOUT = Option.of(
                    "dropout", OptionType.NUMBER, 0.0, "dropout after each hidden layer; 0 for none")
            .accepting(dropout -> dropout >= 0 && dropout < 1, "in [0, 1)");
    public static final Option<Long> SEED =
            Option.of("seed", OptionType.LONG, 42L, "seeds initialization, shuffling and dropout");
    public static final Option<String> DEVICE = Option.of(
                    "device", OptionType.WORD, "auto", "where to train: auto takes the first GPU when there is one")
            .accepting(Devices::isValid, "auto, cpu, gpu or gpu:N (N counts from 0)")
            .offering(List.of("auto", "cpu", "gpu", "gpu:0"));
    public static final Option<Metric> MONITOR = Option.of(
                    "monitor", OptionType.METRIC, Metric.VAL_LOSS, "the metric early stopping and \"best\" follow")
            .accepting(
                    Metric.validation()::contains,
                    "a validation metric: "
                            + String.join(
                                    ", ",
                                    Metric.validation().stream()
                                            .map(Metric::name)
                                            .toList()))
            .offering(Metric.validation().stream().map(Metric::name).toList());
    public static final Option<Integer> PATIENCE = Option.of(
                    "patience", OptionType.WHOLE, 0, "epochs without improvement before stopping; 0 never stops early")
            .accepting(patience -> patience >= 0, "0 (never stop early) or more");
    public static final Option<Double> MIN_DELTA = Option.of(
                    "min_delta",
                    OptionType.NUMBER,
                    0.0,
                    "the least change of the monitored metric that counts as better")
            .accepting(delta -> delta >= 0, "0 or more");
    public static final Option<Boolean> RESTORE_BEST =
            Option.of("restore_best", OptionType.FLAG, true, "whether the model ends with the best epoch's weights");
    public static final Option<Integer> CHECKPOINT_EVERY = Option.of(
                    "checkpoint_every",
                    OptionType.WHOLE,
                    1,
                    "epochs between checkpoints (the best epoch is always kept)")
            .accepting(every -> every >= 1, "at least 1");
    public static final Option<String> PRETRAINED = Option.of(
                    "pretrained",
                    OptionType.TEXT,
                    null,
                    "a pretrained model to fine-tune: a Hugging Face id (found offline), a folder, a TorchScript .pt, an"
                            + " archive, or the URL of an archive or .pt (downloaded once into LEPTON_HOME/downloads; end"
                            + " it with #sha256=HEX to require the file's SHA-256)")
            .offering(List.of("sentence-transformers/all-MiniLM-L6-v2"));
    public static final Option<Integer> TRAINABLE = Option.of(
                    "trainable", OptionType.WHOLE, 0, "with pretrained: how many of the backbone's last blocks train")
            .accepting(trainable -> trainable >= -1, "-1 (all), 0 (frozen backbone) or a number of blocks");
    public static final Option<Double> BACKBONE_LR = Option.of(
                    "backbone_lr",
                    OptionType.NUMBER,
                    0.1,
                    "with pretrained: the backbone's learning rate as a share of lr")
            .accepting(share -> share > 0 && share <= 1, "in (0, 1]");
    public static final Option<Integer> UNFREEZE_AFTER = Option.of(
                    "unfreeze_after",
                    OptionType.WHOLE,
                    0,
                    "with pretrained: epochs after which the whole backbone trains")
            .accepting(epochs -> epochs >= 0, "0 (never) or more");
    public static final Option<Init> INIT = Option.choice(
            "init",
            Init.class,
            Init.PRETRAINED,
            "with pretrained: random builds the same network and tokenizer with fresh weights (a from-scratch baseline)");
    public static final Option<Boolean> PROBE_FIRST = Option.of(
            "probe_first",
            OptionType.FLAG,
            true,
            "text models whose encoder trains (trainable, unfreeze_after or lora): fit the new head as a probe on the"
                    + " frozen encoder's vectors first, then fine-tune from it");
    public static final Option<Integer> MAX_LENGTH = Option.of(
                    "max_length",
                    OptionType.WHOLE,
                    128,
                    "text models: the most word pieces read per text, special tokens included; longer texts are cut")
            .accepting(length -> length >= 3, "3 or more, at most the model's positions (512 for BERT)");
    public static final Option<Pooling> POOLING = Option.choice(
            "pooling",
            Pooling.class,
            Pooling.AUTO,
            "text models: how token vectors become one per text (auto: as the model says, else mean)");
    public static final Option<Boolean> TRAIN_EMBEDDINGS = Option.of(
            "train_embeddings",
            OptionType.FLAG,
            false,
            "text models: whether the embeddings train too when the whole encoder does (trainable: -1)");
    public static final Option<Integer> LORA = Option.of(
                    "lora",
                    OptionType.WHOLE,
                    0,
                    "text models: the rank of LoRA adapters on attention query and value; the pretrained weights stay")
            .accepting(rank -> rank >= 0, "0 (no adapters) or a rank such as 8, below the model's hidden size");
    public static final Option<Double> LORA_ALPHA = Option.of(
                    "lora_alpha",
                    OptionType.NUMBER,
                    16.0,
                    "with lora: the adapters' output is scaled by lora_alpha / lora")
            .accepting(alpha -> alpha > 0, "a positive number, such as 16");
    public static final Option<Double> LORA_DROPOUT = Option.of(
                    "lora_dropout", OptionType.NUMBER, 0.05, "with lora: dropout on the adapters' input while training")
            .accepting(dropout -> dropout >= 0 && dropout < 1, "in [0, 1)");
    /** The hyperparameters, in the order help lists them. */
    public static final OptionTable HYPERPARAMETERS = OptionTable.of(
            "hyperparameter",
            TrainingException::new,
            List.of(
                    MODEL,
                    HIDDEN,
                    EPOCHS,
                    BATCH,
                    LR,
                    OPTIMIZER,
                    WEIGHT_DECAY,
                    SCHEDULE,
                    WARMUP,
                    STEP_EVERY,
                    STEP_FACTOR,
                    CLIP,
                    CLIP_NORM,
                    ACCUMULATE,
                    DROPOUT,
                    SEED,
                    DEVICE,
                    MONITOR,
                    PATIENCE,
                    MIN_DELTA,
                    RESTORE_BEST,
                    CHECKPOINT_EVERY,
                    PRETRAINED,
                    TRAINABLE,
                    BACKBONE_LR,
                    UNFREEZE_AFTER,
                    INIT,
                    PROBE_FIRST,
                    MAX_LENGTH,
                    POOLING,
                    TRAIN_EMBEDDINGS,
                    LORA,
                    LORA_ALPHA,
                    LORA_DROPOUT));
    /** The hyperparameters only fine-tuning reads: recorded only for a run with {@code pretrained}. */
    private static final List<Option<?>> FINE_TUNING = List.of(
            PRETRAINED,
            TRAINABLE,
            BACKBONE_LR,
            UNFREEZE_AFTER,
            INIT,
            PROBE_FIRST,
            MAX_LENGTH,
            POOLING,
            TRAIN_EMBEDDINGS,
            LORA,
            LORA_ALPHA,
            LORA_DROPOUT);

    private TrainOptions(OptionValues values) {
        super(values);
        if (warmup() >= epochs()) {
            throw new TrainingException("Hyperparameter 'warmup' is " + warmup()
                    + "; it must be 0 to epochs - 1 (epochs is " + epochs() + ").");
        }
        if (pretrained() != null) {
            try {
                PretrainedLocator.checkRecordable(pretrained()); // refused before a run records it
            } catch (PretrainedException e) {
                throw new TrainingException(e.getMessage(), e);
            }
        }
        if (lora() > 0 && pretrained() == null) {
            throw new TrainingException("Hyperparameter 'lora' adapts a pretrained model: set pretrained too, such as"
                    + " pretrained: sentence-transformers/all-MiniLM-L6-v2.");
        }
        if (lora() > 0 && trainable() != 0) {
            throw new TrainingException("Hyperparameters 'lora' and 'trainable' are both set: LoRA trains adapters in"
                    + " every layer and keeps the pretrained weights frozen. Use one: lora: " + lora()
                    + " alone, or trainable: " + trainable() + " without lora.");
        }
    }

    /** Every hyperparameter at its default. */
    public static TrainOptions defaults() {
        return new TrainOptions(HYPERPARAMETERS.defaults());
    }

    /** The YAML body of {@code %%lepton train}: {@code key: value} lines; each mistake names its line and key. */
    public static TrainOptions parse(String yaml) {
        return new TrainOptions(HYPERPARAMETERS.read(HYPERPARAMETERS.defaults(), yaml));
    }

    /** The hyperparameters a run recorded ({@link #asParams()}), read back with their types. */
    public static TrainOptions fromParams(Map<String, String> params) {
        return new TrainOptions(HYPERPARAMETERS.fromText(params));
    }

    public String model() {
        return values().get(MODEL);
    }

    public List<Integer> hidden() {
        return values().get(HIDDEN);
    }

    public int epochs() {
        return values().get(EPOCHS);
    }

    public int batch() {
        return values().get(BATCH);
    }

    public double lr() {
        return values().get(LR);
    }

    public OptimizerKind optimizer() {
        return values().get(OPTIMIZER);
    }

    public double weightDecay() {
        return values().get(WEIGHT_DECAY);
    }

    public ScheduleKind schedule() {
        return values().get(SCHEDULE);
    }

    public int warmup() {
        return values().get(WARMUP);
    }

    public int stepEvery() {
        return values().get(STEP_EVERY);
    }

    public double stepFactor() {
        return values().get(STEP_FACTOR);
    }

    public double clip() {
        return values().get(CLIP);
    }

    public double clipNorm() {
        return values().get(CLIP_NORM);
    }

    public int accumulate() {
        return values().get(ACCUMULATE);
    }

    public double dropout() {
        return values().get(DROPOUT);
    }

    public long seed() {
        return values().get(SEED);
    }

    public String device() {
        return values().get(DEVICE);
    }

    /** The metric the best epoch and early stopping follow (with validation rows; else the training loss). */
    public Metric monitor() {
        return values().get(MONITOR);
    }

    public int patience() {
        return values().get(PATIENCE);
    }

    public double minDelta() {
        return values().get(MIN_DELTA);
    }

    public boolean restoreBest() {
        return values().get(RESTORE_BEST);
    }

    public int checkpointEvery() {
        return values().get(CHECKPOINT_EVERY);
    }

    /** The pretrained model to fine-tune, or null to train from scratch. */
    public String pretrained() {
        return values().get(PRETRAINED);
    }

    public int trainable() {
        return values().get(TRAINABLE);
    }

    public double backboneLr() {
        return values().get(BACKBONE_LR);
    }

    public int unfreezeAfter() {
        return values().get(UNFREEZE_AFTER);
    }

    /** Whether a pretrained model's weights are used ({@code init: pretrained}) or only its architecture. */
    public boolean pretrainedWeights() {
        return values().get(INIT) == Init.PRETRAINED;
    }

    /** Whether a new head on a pretrained text encoder is fitted as a probe before the encoder fine-tunes. */
    public boolean probeFirst() {
        return values().get(PROBE_FIRST);
    }

    public int maxLength() {
        return values().get(MAX_LENGTH);
    }

    public Pooling pooling() {
        return values().get(POOLING);
    }

    public boolean trainEmbeddings() {
        return values().get(TRAIN_EMBEDDINGS);
    }

    public int lora() {
        return values().get(LORA);
    }

    public double loraAlpha() {
        return values().get(LORA_ALPHA);
    }

    public double loraDropout() {
        return values().get(LORA_DROPOUT);
    }

    /**
     * The settings as the store records them, under their YAML names and as text that reads back the same; fine-tuning's
     * only for a fine-tuned run.
     */
    public Map<String, String> asParams() {
        Map<String, String> params = new LinkedHashMap<>(values().asText());
        if (pretrained() == null) {
            FINE_TUNING.forEach(option -> params.remove(option.name()));
        }
        return params;
    }

    public static Builder builder() {
        return new Builder(HYPERPARAMETERS.defaults());
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(values());
    }

    @Override
    public String toString() {
        return asParams().toString();
    }

    /**
     * Builder in DJL's style: a typed {@code opt*} method for every hyperparameter of the table (its YAML name in camel
     * case; {@code lr} is {@code optLearningRate}), {@link #set(Option, Object)} for any of them and
     * {@link #set(String, Object)} by its YAML name. Each value is checked as it is set.
     */
    public static final class Builder extends OptionSet.Builder<Builder> {

        private Builder(OptionValues values) {
            super(values);
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder optModel(String model) {
            return set(MODEL, model);
        }

        public Builder optHidden(Integer... widths) {
            return set(HIDDEN, List.of(widths));
        }

        public Builder optEpochs(int epochs) {
            return set(EPOCHS, epochs);
        }

        public Builder optBatch(int batch) {
            return set(BATCH, batch);
        }

        /** {@code lr}: the peak learning rate. */
        public Builder optLearningRate(double lr) {
            return set(LR, lr);
        }

        public Builder optOptimizer(OptimizerKind optimizer) {
            return set(OPTIMIZER, optimizer);
        }

        public Builder optWeightDecay(double weightDecay) {
            return set(WEIGHT_DECAY, weightDecay);
        }

        public Builder optSchedule(ScheduleKind schedule) {
            return set(SCHEDULE, schedule);
        }

        public Builder optWarmup(int epochs) {
            return set(WARMUP, epochs);
        }

        public Builder optStepEvery(int epochs) {
            return set(STEP_EVERY, epochs);
        }

        public Builder optStepFactor(double factor) {
            return set(STEP_FACTOR, factor);
        }

        public Builder optClip(double clip) {
            return set(CLIP, clip);
        }

        public Builder optClipNorm(double norm) {
            return set(CLIP_NORM, norm);
        }

        public Builder optAccumulate(int batches) {
            return set(ACCUMULATE, batches);
        }

        public Builder optDropout(double dropout) {
            return set(DROPOUT, dropout);
        }

        public Builder optSeed(long seed) {
            return set(SEED, seed);
        }

        /** {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}. */
        public Builder optDevice(String device) {
            return set(DEVICE, device);
        }

        /** The validation metric the best epoch and early stopping follow, such as {@link Metric#VAL_ACCURACY}. */
        public Builder optMonitor(Metric monitor) {
            return set(MONITOR, monitor);
        }

        public Builder optPatience(int epochs) {
            return set(PATIENCE, epochs);
        }

        /** Early stopping: stop after {@code patience} epochs without {@code monitor} improving. */
        public Builder optEarlyStopping(Metric monitor, int patience) {
            return optMonitor(monitor).optPatience(patience);
        }

        public Builder optMinDelta(double minDelta) {
            return set(MIN_DELTA, minDelta);
        }

        public Builder optRestoreBest(boolean restoreBest) {
            return set(RESTORE_BEST, restoreBest);
        }

        public Builder optCheckpointEvery(int epochs) {
            return set(CHECKPOINT_EVERY, epochs);
        }

        /** Fine-tunes the pretrained model at {@code location} (a Hugging Face id, a folder, a .pt, an archive or URL). */
        public Builder optPretrained(String location) {
            return set(PRETRAINED, location);
        }

        /** Fine-tunes the model at {@code location}; {@code trainable} of its backbone's last blocks train (0: none). */
        public Builder optPretrained(String location, int trainable) {
            return optPretrained(location).optTrainable(trainable);
        }

        /** How many of the backbone's last blocks train: -1 all, 0 none (a frozen backbone). */
        public Builder optTrainable(int blocks) {
            return set(TRAINABLE, blocks);
        }

        public Builder optBackboneLr(double share) {
            return set(BACKBONE_LR, share);
        }

        public Builder optUnfreezeAfter(int epochs) {
            return set(UNFREEZE_AFTER, epochs);
        }

        public Builder optInit(Init init) {
            return set(INIT, init);
        }

        /** Whether a new head is fitted as a probe on the frozen encoder's vectors before fine-tuning (true). */
        public Builder optProbeFirst(boolean probeFirst) {
            return set(PROBE_FIRST, probeFirst);
        }

        public Builder optMaxLength(int wordPieces) {
            return set(MAX_LENGTH, wordPieces);
        }

        public Builder optPooling(Pooling pooling) {
            return set(POOLING, pooling);
        }

        public Builder optTrainEmbeddings(boolean trainEmbeddings) {
            return set(TRAIN_EMBEDDINGS, trainEmbeddings);
        }

        /** LoRA adapters of rank {@code rank} on a pretrained text model's attention query and value. */
        public Builder optLora(int rank) {
            return set(LORA, rank);
        }

        public Builder optLoraAlpha(double alpha) {
            return set(LORA_ALPHA, alpha);
        }

        public Builder optLoraDropout(double dropout) {
            return set(LORA_DROPOUT, dropout);
        }

        public TrainOptions build() {
            return new TrainOptions(values());
        }
    }
}
