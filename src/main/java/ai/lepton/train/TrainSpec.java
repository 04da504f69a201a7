package ai.lepton.train;

import ai.lepton.base.Suggestions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to train and how: the hyperparameters of one run. Build with {@link #builder()} or read the YAML
 * body of {@code %%lepton train} with {@link SpecYaml#parse(String)}; every setting has a default.
 *
 * @param model           the model family: {@code mlp} (tabular) or {@code cnn} (images)
 * @param hidden          hidden layer widths (mlp) or convolution channels (cnn)
 * @param epochs          how many passes over the training data at most
 * @param batch           rows per batch
 * @param lr              the peak learning rate
 * @param optimizer       {@code adam} or {@code sgd} (with momentum 0.9)
 * @param weightDecay     L2 penalty added to every gradient
 * @param schedule        learning-rate schedule after warm-up: {@code constant}, {@code step} or {@code cosine}
 * @param warmup          epochs of linear warm-up from lr/10
 * @param stepEvery       with {@code step}: epochs between decays
 * @param stepFactor      with {@code step}: the decay factor
 * @param clip            gradients are clipped to [-clip, clip]; 0 for none
 * @param dropout         dropout after each hidden layer; 0 for none
 * @param seed            seeds initialization, shuffling and dropout
 * @param device          {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param monitor         the metric early stopping and "best" follow, e.g. {@code val_loss} or {@code val_accuracy}
 * @param patience        epochs without improvement before stopping; 0 never stops early
 * @param minDelta        the least change that counts as an improvement
 * @param restoreBest     whether the model ends with the best epoch's weights
 * @param checkpointEvery epochs between checkpoints (the best epoch is always checkpointed)
 * @param pretrained      a pretrained model to fine-tune (folder, .zip, or URL), or null
 * @param trainable       with pretrained: how many of the backbone's last blocks train; 0 freezes all of it, -1 none
 * @param backboneLr      with pretrained: the backbone's learning rate as a share of {@code lr}
 * @param unfreezeAfter   with pretrained: epochs after which the whole backbone trains; 0 never
 */
public record TrainSpec(
        String model,
        List<Integer> hidden,
        int epochs,
        int batch,
        double lr,
        String optimizer,
        double weightDecay,
        String schedule,
        int warmup,
        int stepEvery,
        double stepFactor,
        double clip,
        double dropout,
        long seed,
        String device,
        String monitor,
        int patience,
        double minDelta,
        boolean restoreBest,
        int checkpointEvery,
        String pretrained,
        int trainable,
        double backboneLr,
        int unfreezeAfter) {

    public static final List<String> MODELS = List.of("mlp", "cnn");
    public static final List<String> OPTIMIZERS = List.of("adam", "sgd");
    public static final List<String> SCHEDULES = List.of("constant", "step", "cosine");

    public TrainSpec {
        hidden = List.copyOf(hidden);
        check(MODELS.contains(model), "model", model, "one of " + MODELS);
        check(OPTIMIZERS.contains(optimizer), "optimizer", optimizer, "one of " + OPTIMIZERS);
        check(SCHEDULES.contains(schedule), "schedule", schedule, "one of " + SCHEDULES);
        check(hidden.stream().allMatch(width -> width > 0), "hidden", hidden, "positive widths, such as [128, 64]");
        check(epochs >= 1, "epochs", epochs, "at least 1");
        check(batch >= 1, "batch", batch, "at least 1");
        check(lr > 0 && Double.isFinite(lr), "lr", lr, "a positive number, such as 1e-3");
        check(weightDecay >= 0, "weight_decay", weightDecay, "0 or more");
        check(warmup >= 0 && warmup < epochs, "warmup", warmup, "0 to epochs - 1");
        check(stepEvery >= 1, "step_every", stepEvery, "at least 1");
        check(stepFactor > 0 && stepFactor <= 1, "step_factor", stepFactor, "in (0, 1]");
        check(clip >= 0, "clip", clip, "0 (none) or more");
        check(dropout >= 0 && dropout < 1, "dropout", dropout, "in [0, 1)");
        check(patience >= 0, "patience", patience, "0 (never stop early) or more");
        check(minDelta >= 0, "min_delta", minDelta, "0 or more");
        check(checkpointEvery >= 1, "checkpoint_every", checkpointEvery, "at least 1");
        check(trainable >= -1, "trainable", trainable, "-1 (all), 0 (frozen backbone) or a number of blocks");
        check(backboneLr > 0 && backboneLr <= 1, "backbone_lr", backboneLr, "in (0, 1]");
        check(unfreezeAfter >= 0, "unfreeze_after", unfreezeAfter, "0 (never) or more");
        Devices.checkSyntax(device);
        check(
                monitor.equals("val_loss") || monitor.startsWith("val_"),
                "monitor",
                monitor,
                "a validation metric, such as val_loss or val_accuracy");
    }

    private static void check(boolean ok, String key, Object value, String expected) {
        if (!ok) {
            throw new TrainingException("Hyperparameter '" + key + "' is " + value + "; it must be " + expected + ".");
        }
    }

    /** Whether a larger {@link #monitor} value is better (accuracy, F1, AUC, R²) or a smaller one (losses, errors). */
    public boolean monitorIncreases() {
        return !(monitor.endsWith("loss") || monitor.endsWith("rmse") || monitor.endsWith("mae"));
    }

    /** The settings as the store records them, under their YAML names. */
    public Map<String, Object> asParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("model", model);
        params.put("hidden", hidden);
        params.put("epochs", epochs);
        params.put("batch", batch);
        params.put("lr", lr);
        params.put("optimizer", optimizer);
        params.put("weight_decay", weightDecay);
        params.put("schedule", schedule);
        params.put("warmup", warmup);
        params.put("step_every", stepEvery);
        params.put("step_factor", stepFactor);
        params.put("clip", clip);
        params.put("dropout", dropout);
        params.put("seed", seed);
        params.put("device", device);
        params.put("monitor", monitor);
        params.put("patience", patience);
        params.put("min_delta", minDelta);
        params.put("restore_best", restoreBest);
        params.put("checkpoint_every", checkpointEvery);
        if (pretrained != null) {
            params.put("pretrained", pretrained);
            params.put("trainable", trainable);
            params.put("backbone_lr", backboneLr);
            params.put("unfreeze_after", unfreezeAfter);
        }
        return params;
    }

    /** Every hyperparameter's YAML name, in the order help lists them. */
    public static java.util.Set<String> hyperparameters() {
        return Builder.DEFAULTS.keySet();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this spec's settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.values.putAll(asParams());
        return builder;
    }

    /**
     * Builder in DJL's style ({@code opt*}); also takes settings by their YAML names with {@link #set(String, Object)},
     * which is how {@link SpecYaml} fills it.
     */
    public static final class Builder {
        static final Map<String, Object> DEFAULTS = defaults();
        private final Map<String, Object> values = new LinkedHashMap<>(DEFAULTS);

        private static Map<String, Object> defaults() {
            Map<String, Object> defaults = new LinkedHashMap<>();
            defaults.put("model", "mlp");
            defaults.put("hidden", List.of(128, 64));
            defaults.put("epochs", 20);
            defaults.put("batch", 64);
            defaults.put("lr", 1e-3);
            defaults.put("optimizer", "adam");
            defaults.put("weight_decay", 0.0);
            defaults.put("schedule", "constant");
            defaults.put("warmup", 0);
            defaults.put("step_every", 10);
            defaults.put("step_factor", 0.1);
            defaults.put("clip", 0.0);
            defaults.put("dropout", 0.0);
            defaults.put("seed", 42L);
            defaults.put("device", "auto");
            defaults.put("monitor", "val_loss");
            defaults.put("patience", 0);
            defaults.put("min_delta", 0.0);
            defaults.put("restore_best", true);
            defaults.put("checkpoint_every", 1);
            defaults.put("pretrained", null);
            defaults.put("trainable", 0);
            defaults.put("backbone_lr", 0.1);
            defaults.put("unfreeze_after", 0);
            return java.util.Collections.unmodifiableMap(defaults);
        }

        /** Sets a hyperparameter by its YAML name; the value's type is checked when building. */
        public Builder set(String key, Object value) {
            if (!DEFAULTS.containsKey(key)) {
                throw new TrainingException(
                        "Unknown hyperparameter '" + key + "'." + Suggestions.didYouMean("", key, DEFAULTS.keySet())
                                + " Known: " + String.join(", ", DEFAULTS.keySet()) + ".");
            }
            values.put(key, value);
            return this;
        }

        public Builder optModel(String model) {
            return set("model", model);
        }

        public Builder optHidden(Integer... widths) {
            return set("hidden", List.of(widths));
        }

        public Builder optEpochs(int epochs) {
            return set("epochs", epochs);
        }

        public Builder optBatch(int batch) {
            return set("batch", batch);
        }

        public Builder optLearningRate(double lr) {
            return set("lr", lr);
        }

        public Builder optSeed(long seed) {
            return set("seed", seed);
        }

        public Builder optDevice(String device) {
            return set("device", device);
        }

        /** Early stopping: stop after {@code patience} epochs without {@code monitor} improving. */
        public Builder optEarlyStopping(String monitor, int patience) {
            set("monitor", monitor);
            return set("patience", patience);
        }

        /** Fine-tunes the model at {@code location}; {@code trainable} of its backbone's last blocks train (0: none). */
        public Builder optPretrained(String location, int trainable) {
            set("pretrained", location);
            return set("trainable", trainable);
        }

        public TrainSpec build() {
            return new TrainSpec(
                    text("model"),
                    widths(),
                    whole("epochs"),
                    whole("batch"),
                    number("lr"),
                    text("optimizer"),
                    number("weight_decay"),
                    text("schedule"),
                    whole("warmup"),
                    whole("step_every"),
                    number("step_factor"),
                    number("clip"),
                    number("dropout"),
                    (long) whole("seed"),
                    text("device"),
                    text("monitor"),
                    whole("patience"),
                    number("min_delta"),
                    flag("restore_best"),
                    whole("checkpoint_every"),
                    (String) values.get("pretrained"),
                    whole("trainable"),
                    number("backbone_lr"),
                    whole("unfreeze_after"));
        }

        private String text(String key) {
            Object value = values.get(key);
            if (!(value instanceof String text)) {
                throw typeError(key, value, "text");
            }
            return text.strip().toLowerCase(java.util.Locale.ROOT);
        }

        private int whole(String key) {
            Object value = values.get(key);
            if (value instanceof Integer || value instanceof Long) {
                return Math.toIntExact(((Number) value).longValue());
            }
            throw typeError(key, value, "a whole number");
        }

        private double number(String key) {
            Object value = values.get(key);
            if (value instanceof Number number) {
                return number.doubleValue();
            }
            if (value instanceof String text) { // YAML 1.1 reads 1e-3 (no dot) as text
                try {
                    return Double.parseDouble(text.strip());
                } catch (NumberFormatException e) {
                    throw typeError(key, value, "a number");
                }
            }
            throw typeError(key, value, "a number");
        }

        private boolean flag(String key) {
            Object value = values.get(key);
            if (value instanceof Boolean flag) {
                return flag;
            }
            throw typeError(key, value, "true or false");
        }

        private List<Integer> widths() {
            Object value = values.get("hidden");
            if (value instanceof Integer width) {
                return List.of(width);
            }
            if (value instanceof List<?> list && list.stream().allMatch(item -> item instanceof Integer)) {
                return list.stream().map(item -> (Integer) item).toList();
            }
            throw typeError("hidden", value, "a list of whole numbers, such as [128, 64]");
        }

        private static TrainingException typeError(String key, Object value, String expected) {
            return new TrainingException("Hyperparameter '" + key + "' must be " + expected + ", not "
                    + (value instanceof String ? "'" + value + "'" : String.valueOf(value)) + ".");
        }
    }
}
