package ai.lepton.data.prepare;

import ai.lepton.data.DataException;
import ai.lepton.data.Task;

import java.util.List;

/**
 * The recipe for preparing a table: what to predict, what to drop, how to fill, encode, scale and
 * split. Build with {@link #builder(String)}: the target is required, everything else has a default.
 *
 * @param target       the column to predict
 * @param drop         columns left out of the features
 * @param impute       how missing feature values are filled
 * @param fill         the value CONSTANT imputation puts in numeric columns (text columns get the category "(missing)")
 * @param deduplicate  whether exact duplicate rows are dropped before splitting
 * @param clip         whether numeric values are clipped to the training split's IQR fences (q1 - 1.5 IQR, q3 + 1.5 IQR)
 * @param encode       how text (categorical) columns become numbers
 * @param scale        how numeric columns are scaled
 * @param unseen       what to do with a category not seen when fitting
 * @param fractions    train, validation and test shares; they sum to 1
 * @param stratify     whether each split keeps the target's class balance
 * @param seed         the seed of the split's shuffle
 * @param task         classification or regression; null to infer it from the target (text or few whole numbers: classification)
 * @param text         free-text columns kept as text, for a pretrained language model's tokenizer to read at training time
 */
public record PrepareOptions(
        String target,
        List<String> drop,
        Impute impute,
        double fill,
        boolean deduplicate,
        boolean clip,
        Encode encode,
        Scale scale,
        Unseen unseen,
        List<Double> fractions,
        boolean stratify,
        long seed,
        Task task,
        List<String> text) {

    public enum Impute {
        MEDIAN,
        MEAN,
        MODE,
        CONSTANT,
        DROP
    }

    public enum Encode {
        ONEHOT,
        ORDINAL
    }

    public enum Scale {
        STANDARD,
        MINMAX,
        ROBUST,
        NONE
    }

    /** A category met at apply time that fitting never saw: encode it as "none of the known" or refuse. */
    public enum Unseen {
        IGNORE,
        ERROR
    }

    public PrepareOptions {
        drop = List.copyOf(drop);
        fractions = List.copyOf(fractions);
        text = text == null ? List.of() : List.copyOf(text); // a preparation saved before text columns has none
        if (fractions.size() != 3 || fractions.stream().anyMatch(f -> f < 0 || f >= 1 || f.isNaN())) {
            throw new DataException(
                    "The split (optSplit, --split) takes three fractions for train, validation and test, each at least 0 and below 1,"
                            + " for example 0.7,0.15,0.15; got " + fractions + ".");
        }
        double sum = fractions.stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(sum - 1) > 1e-9) {
            throw new DataException(
                    "The split's fractions (optSplit, --split) must sum to 1; " + fractions + " sums to " + sum + ".");
        }
        if (fractions.getFirst() == 0) {
            throw new DataException(
                    "The split (optSplit, --split) needs a training share above 0; got " + fractions + ".");
        }
    }

    public static Builder builder(String target) {
        return new Builder(target);
    }

    /** Builder in DJL's style: the required target in the constructor, {@code opt*} for the rest. */
    public static final class Builder {
        private final String target;
        private List<String> drop = List.of();
        private Impute impute = Impute.MEDIAN;
        private double fill;
        private boolean deduplicate;
        private boolean clip;
        private Encode encode = Encode.ONEHOT;
        private Scale scale = Scale.STANDARD;
        private Unseen unseen = Unseen.IGNORE;
        private List<Double> fractions = List.of(0.7, 0.15, 0.15);
        private boolean stratify;
        private long seed = 42;
        private Task task;
        private List<String> text = List.of();

        private Builder(String target) {
            this.target = target;
        }

        public Builder optDrop(List<String> columns) {
            this.drop = columns;
            return this;
        }

        public Builder optImpute(Impute impute) {
            this.impute = impute;
            return this;
        }

        /** Imputes every missing value with {@code value} (numbers) or the category "(missing)" (text). */
        public Builder optFill(double value) {
            this.impute = Impute.CONSTANT;
            this.fill = value;
            return this;
        }

        public Builder optDeduplicate(boolean deduplicate) {
            this.deduplicate = deduplicate;
            return this;
        }

        public Builder optClip(boolean clip) {
            this.clip = clip;
            return this;
        }

        public Builder optEncode(Encode encode) {
            this.encode = encode;
            return this;
        }

        public Builder optScale(Scale scale) {
            this.scale = scale;
            return this;
        }

        public Builder optUnseen(Unseen unseen) {
            this.unseen = unseen;
            return this;
        }

        public Builder optSplit(double train, double validation, double test) {
            this.fractions = List.of(train, validation, test);
            return this;
        }

        public Builder optStratify(boolean stratify) {
            this.stratify = stratify;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Says what the target is instead of inferring it, e.g. a rating 1..5 as regression. */
        public Builder optTask(Task task) {
            this.task = task;
            return this;
        }

        /**
         * Keeps {@code columns} as free text (descriptions, messages, reviews) rather than encoding them as categories: a
         * pretrained language model reads them, with the tabular features beside them.
         */
        public Builder optText(List<String> columns) {
            this.text = columns;
            return this;
        }

        public PrepareOptions build() {
            return new PrepareOptions(
                    target,
                    drop,
                    impute,
                    fill,
                    deduplicate,
                    clip,
                    encode,
                    scale,
                    unseen,
                    fractions,
                    stratify,
                    seed,
                    task,
                    text);
        }
    }
}
