package ai.lepton.sweep;

import ai.lepton.options.Option;
import ai.lepton.options.OptionSet;
import ai.lepton.options.OptionTable;
import ai.lepton.options.OptionType;
import ai.lepton.options.OptionValues;

import java.util.List;
import java.util.Map;

/**
 * How a sweep runs: the search, how many trials, the scheduler that stops poor trials early, how many trials run at
 * once, and the metric that ranks them. Each option is declared once below; {@code %%lepton sweep --name value}, its
 * {@code --help} and completion, the builder and a resumed sweep's parameters all read the same table.
 */
public final class SweepOptions extends OptionSet {

    public static final Option<Search> SEARCH =
            Option.choice("search", Search.class, Search.RANDOM, "how configurations are drawn");
    public static final Option<Integer> TRIALS = Option.of(
                    "trials", OptionType.WHOLE, 20, "how many configurations to try")
            .accepting(trials -> trials >= 0, "0 (a whole grid) or more");
    public static final Option<String> SCHEDULER = Option.choice(
            "scheduler",
            List.of("asha", "median", "none"),
            "asha",
            "what stops poor trials early: ASHA, the median rule, or none");
    public static final Option<Integer> ETA = Option.of(
                    "eta", OptionType.WHOLE, 3, "ASHA's reduction factor: 1 in eta trials goes on at a rung")
            .accepting(eta -> eta >= 2, "at least 2");
    public static final Option<Integer> GRACE = Option.of(
                    "grace", OptionType.WHOLE, 1, "epochs every trial trains before a scheduler may stop it")
            .accepting(grace -> grace >= 1, "at least 1");
    public static final Option<Integer> PARALLEL = Option.of("parallel", OptionType.WHOLE, 1, "trials at once")
            .accepting(parallel -> parallel >= 1, "at least 1");
    public static final Option<Integer> TRIALS_PER_GPU = Option.of(
                    "trials_per_gpu", OptionType.WHOLE, 1, "how many trials may share one GPU")
            .accepting(share -> share >= 1, "at least 1");
    public static final Option<String> METRIC = Option.of(
                    "metric",
                    OptionType.WORD,
                    null,
                    "the metric trials are ranked by; default the space's monitor, else val_loss")
            .offering(List.of("val_loss", "val_accuracy", "val_f1", "val_auc", "val_rmse"));
    public static final Option<Mode> MODE =
            Option.choice("mode", Mode.class, null, "whether the metric is better high or low; default from its name");
    public static final Option<Long> SEED = Option.of("seed", OptionType.LONG, 42L, "seeds the search");
    public static final Option<String> EXECUTOR = Option.choice(
            "executor",
            List.of("local", "slurm"),
            "local",
            "where trials run: side by side here, or as a Slurm job array reporting to a shared PostgreSQL store");
    public static final Option<String> SLURM = Option.of(
            "slurm",
            OptionType.TEXT,
            "",
            "sbatch options for the trials' job array, such as --partition gpu --gres=gpu:1");

    /** The options, in the order help lists them. */
    public static final OptionTable OPTIONS = OptionTable.of(
            "sweep option",
            SweepException::new,
            List.of(
                    SEARCH,
                    TRIALS,
                    SCHEDULER,
                    ETA,
                    GRACE,
                    PARALLEL,
                    TRIALS_PER_GPU,
                    METRIC,
                    MODE,
                    SEED,
                    EXECUTOR,
                    SLURM));

    private SweepOptions(OptionValues values) {
        super(values);
    }

    /** Random search of 20 trials with ASHA (eta 3, grace 1), one trial at a time, seed 42. */
    public static SweepOptions defaults() {
        return new SweepOptions(OPTIONS.defaults());
    }

    public Search search() {
        return values().get(SEARCH);
    }

    public int trials() {
        return values().get(TRIALS);
    }

    public String scheduler() {
        return values().get(SCHEDULER);
    }

    public int eta() {
        return values().get(ETA);
    }

    public int grace() {
        return values().get(GRACE);
    }

    public int parallel() {
        return values().get(PARALLEL);
    }

    /** {@code local} or {@code slurm}. */
    public String executor() {
        return values().get(EXECUTOR);
    }

    /** Extra sbatch options for the Slurm executor; empty for none. */
    public String slurm() {
        return values().get(SLURM);
    }

    public int trialsPerGpu() {
        return values().get(TRIALS_PER_GPU);
    }

    /** The metric trials are ranked by, or null for the space's fixed {@code monitor}, else val_loss. */
    public String metric() {
        return values().get(METRIC);
    }

    /** Whether the metric is better higher or lower, or null to tell from its name. */
    public Mode mode() {
        return values().get(MODE);
    }

    public long seed() {
        return values().get(SEED);
    }

    /**
     * The scheduler these options name, for trials of up to {@code maxEpochs} epochs ranked by {@code rank}; ASHA keeps
     * its rungs in {@code rungs}, and the median rule each epoch's best values.
     */
    Scheduler newScheduler(int maxEpochs, Mode rank, RungResults rungs) {
        return switch (scheduler()) {
            case "asha" -> new AshaScheduler(grace(), eta(), maxEpochs, rank, rungs);
            case "median" -> new MedianStoppingScheduler(grace(), 3, rank, rungs);
            default -> Scheduler.fifo();
        };
    }

    /** The options as a sweep run's parameters, with the metric and mode it resolved; {@link #fromParams} reads them back. */
    Map<String, String> asParams(String resolvedMetric, Mode resolvedMode) {
        return values().with(METRIC, resolvedMetric).with(MODE, resolvedMode).asText();
    }

    static SweepOptions fromParams(Map<String, String> params) {
        return new SweepOptions(OPTIONS.fromText(params));
    }

    public static Builder builder() {
        return new Builder(OPTIONS.defaults());
    }

    public Builder toBuilder() {
        return new Builder(values());
    }

    /** Builder in DJL's style: {@code opt*} for the common options, {@link #set(Option, Object)} for any. */
    public static final class Builder extends OptionSet.Builder<Builder> {

        private Builder(OptionValues values) {
            super(values);
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder optSearch(Search search) {
            return set(SEARCH, search);
        }

        public Builder optTrials(int trials) {
            return set(TRIALS, trials);
        }

        /** {@code asha}, {@code median} or {@code none}. */
        public Builder optScheduler(String scheduler) {
            return set(SCHEDULER, scheduler);
        }

        public Builder optParallel(int parallel) {
            return set(PARALLEL, parallel);
        }

        /** Ranks trials by {@code metric}, better in the direction {@code mode} (null: from the metric's name). */
        public Builder optMetric(String metric, Mode mode) {
            set(METRIC, metric);
            return set(MODE, mode);
        }

        public Builder optSeed(long seed) {
            return set(SEED, seed);
        }

        /** Runs the trials as a Slurm job array with these extra sbatch options (may be empty). */
        public Builder optSlurm(String sbatchOptions) {
            set(EXECUTOR, "slurm");
            return set(SLURM, sbatchOptions);
        }

        public SweepOptions build() {
            return new SweepOptions(values());
        }
    }
}
