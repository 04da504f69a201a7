package ai.lepton.sweep;

import ai.djl.engine.Engine;
import ai.lepton.options.Option;
import ai.lepton.options.OptionSet;
import ai.lepton.options.OptionTable;
import ai.lepton.options.OptionType;
import ai.lepton.options.OptionValues;
import ai.lepton.track.Metric;
import ai.lepton.track.Mode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a sweep runs: the search, how many trials, the scheduler that stops poor trials early, how many trials run at
 * once, where, and the metric that ranks them. Each option is declared once below; {@code %%lepton sweep --name value},
 * its {@code --help} and completion, the builder and a resumed sweep's parameters all read the same table. A scheduler
 * object of one's own ({@link Builder#optScheduler(Scheduler)}) takes the place of the named one.
 */
public final class SweepOptions extends OptionSet {

    /** The schedulers a sweep names: in YAML and on a magic's line, {@code scheduler: asha}. */
    public enum SchedulerKind {
        /** asynchronous successive halving: {@link AshaScheduler} */
        ASHA,
        /** the median stopping rule: {@link MedianStoppingScheduler} */
        MEDIAN,
        /** every trial its full budget */
        NONE
    }

    /** Where a sweep's trials run. */
    public enum ExecutorKind {
        /** side by side in this JVM, on the devices there are: {@link LocalExecutor} */
        LOCAL,
        /** as a Slurm job array whose tasks report to a shared PostgreSQL store: {@code SlurmExecutor} */
        SLURM
    }

    public static final Option<Search> SEARCH =
            Option.choice("search", Search.class, Search.RANDOM, "how configurations are drawn");
    public static final Option<Integer> TRIALS = Option.of(
                    "trials", OptionType.WHOLE, 20, "how many configurations to try")
            .accepting(trials -> trials >= 0, "0 (a whole grid) or more");
    public static final Option<SchedulerKind> SCHEDULER = Option.choice(
            "scheduler",
            SchedulerKind.class,
            SchedulerKind.ASHA,
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
    public static final Option<Metric> METRIC = Option.of(
                    "metric",
                    OptionType.METRIC,
                    null,
                    "the metric trials are ranked by; default the space's monitor, else val_loss")
            .offering(Metric.validation().stream().map(Metric::name).toList());
    public static final Option<Mode> MODE = Option.choice(
            "mode", Mode.class, null, "whether the metric is better high or low; default as the metric is declared");
    public static final Option<Long> SEED = Option.of("seed", OptionType.LONG, 42L, "seeds the search");
    public static final Option<ExecutorKind> EXECUTOR = Option.choice(
            "executor",
            ExecutorKind.class,
            ExecutorKind.LOCAL,
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

    /** What a sweep run records as its {@code scheduler} parameter when a scheduler object of one's own ran it. */
    static final String OWN_SCHEDULER = "own";

    /** a scheduler of one's own, in place of {@link #SCHEDULER}; null for the named one */
    private final Scheduler.Factory ownScheduler;

    private SweepOptions(OptionValues values, Scheduler.Factory ownScheduler) {
        super(values);
        this.ownScheduler = ownScheduler;
        if (ownScheduler != null && executor() == ExecutorKind.SLURM) {
            throw new SweepException("A scheduler object of one's own decides in this JVM, and a Slurm job array's"
                    + " trials run in JVMs of their own: run the sweep with executor local, or name a scheduler"
                    + " (asha, median or none) for the array.");
        }
    }

    /** Random search of 20 trials with ASHA (eta 3, grace 1), one trial at a time, seed 42. */
    public static SweepOptions defaults() {
        return new SweepOptions(OPTIONS.defaults(), null);
    }

    public Search search() {
        return values().get(SEARCH);
    }

    public int trials() {
        return values().get(TRIALS);
    }

    /** The scheduler named; a scheduler object of one's own ({@link #ownScheduler()}) takes its place. */
    public SchedulerKind scheduler() {
        return values().get(SCHEDULER);
    }

    /** Whether a scheduler object of one's own ranks the trials instead of the named scheduler. */
    public boolean ownScheduler() {
        return ownScheduler != null;
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

    public ExecutorKind executor() {
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
    public Metric metric() {
        return values().get(METRIC);
    }

    /** Whether the metric is better higher or lower, or null for the direction the metric is declared with. */
    public Mode mode() {
        return values().get(MODE);
    }

    public long seed() {
        return values().get(SEED);
    }

    /**
     * The metric trials are ranked by, in the direction they are ranked: {@link #metric()}, else {@code monitor} (what
     * the trials' training follows), better as it is declared unless {@link #mode()} says otherwise.
     */
    Metric ranking(Metric monitor) {
        Metric ranked = metric() != null ? metric() : monitor;
        return mode() != null ? ranked.rankedBy(mode()) : ranked;
    }

    /** The scheduler for a sweep's trials: one's own, else the one these options name. */
    Scheduler newScheduler(Scheduler.Context sweep) {
        if (ownScheduler != null) {
            return ownScheduler.create(sweep);
        }
        return switch (scheduler()) {
            case ASHA -> new AshaScheduler(grace(), eta(), sweep.maxEpochs(), sweep.mode(), sweep.rungs());
            case MEDIAN -> new MedianStoppingScheduler(grace(), 3, sweep.mode(), sweep.rungs());
            case NONE -> Scheduler.fifo();
        };
    }

    /** Where these options run a sweep's trials. */
    TrialExecutor newExecutor() {
        return switch (executor()) {
            case LOCAL ->
                LocalExecutor.of(
                        parallel(),
                        trialsPerGpu(),
                        Engine.getInstance().getGpuCount(),
                        Runtime.getRuntime().availableProcessors(),
                        System.out::println);
            case SLURM -> new SlurmExecutor(parallel(), slurm());
        };
    }

    /**
     * The options as a sweep run's parameters, with the metric it resolved (ranked in its direction); {@link
     * #fromParams} reads them back. A scheduler of one's own is recorded as {@value #OWN_SCHEDULER}.
     */
    Map<String, String> asParams(Metric resolved) {
        Map<String, String> params = new LinkedHashMap<>(
                values().with(METRIC, resolved).with(MODE, resolved.mode()).asText());
        if (ownScheduler != null) {
            params.put(SCHEDULER.name(), OWN_SCHEDULER);
        }
        return params;
    }

    /**
     * The options a sweep run recorded; a sweep that a scheduler object of one's own ran is resumed with
     * {@code ownScheduler} (null when it was not).
     */
    static SweepOptions fromParams(Map<String, String> params, Scheduler.Factory ownScheduler) {
        Map<String, String> named = new LinkedHashMap<>(params);
        if (OWN_SCHEDULER.equals(named.get(SCHEDULER.name()))) {
            named.remove(SCHEDULER.name());
        }
        return new SweepOptions(OPTIONS.fromText(named), ownScheduler);
    }

    /** Whether a sweep run with these parameters was ranked by a scheduler object of one's own. */
    static boolean ranByOwnScheduler(Map<String, String> params) {
        return OWN_SCHEDULER.equals(params.get(SCHEDULER.name()));
    }

    public static Builder builder() {
        return new Builder(OPTIONS.defaults(), null);
    }

    public Builder toBuilder() {
        return new Builder(values(), ownScheduler);
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other) && Objects.equals(ownScheduler, ((SweepOptions) other).ownScheduler);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(ownScheduler);
    }

    /**
     * Builder in DJL's style: a typed {@code opt*} method for every option of the table (its name in camel case), and
     * {@link #set(Option, Object)} for any of them, each value checked as it is set.
     */
    public static final class Builder extends OptionSet.Builder<Builder> {

        private Scheduler.Factory ownScheduler;

        private Builder(OptionValues values, Scheduler.Factory ownScheduler) {
            super(values);
            this.ownScheduler = ownScheduler;
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

        /** One of the schedulers a sweep names; it takes the place of a scheduler object set before. */
        public Builder optScheduler(SchedulerKind scheduler) {
            ownScheduler = null;
            return set(SCHEDULER, scheduler);
        }

        /** {@code asha}, {@code median} or {@code none}, as YAML and the magic name them. */
        public Builder optScheduler(String scheduler) {
            ownScheduler = null;
            return set(SCHEDULER.name(), scheduler);
        }

        /** A scheduler of one's own, which every trial of the sweep reports to (see {@link Scheduler}). */
        public Builder optScheduler(Scheduler scheduler) {
            Objects.requireNonNull(scheduler, "scheduler");
            return optScheduler(sweep -> scheduler);
        }

        /** A scheduler of one's own, made once the sweep knows its budget, direction and rungs. */
        public Builder optScheduler(Scheduler.Factory scheduler) {
            ownScheduler = Objects.requireNonNull(scheduler, "scheduler");
            return self();
        }

        public Builder optEta(int eta) {
            return set(ETA, eta);
        }

        public Builder optGrace(int epochs) {
            return set(GRACE, epochs);
        }

        public Builder optParallel(int parallel) {
            return set(PARALLEL, parallel);
        }

        public Builder optTrialsPerGpu(int trials) {
            return set(TRIALS_PER_GPU, trials);
        }

        /** Ranks trials by {@code metric}, in the direction it is declared with unless {@link #optMode} says. */
        public Builder optMetric(Metric metric) {
            return set(METRIC, metric);
        }

        /** Ranks trials by the metric named {@code metric}, better in the direction {@code mode} (null: as declared). */
        public Builder optMetric(String metric, Mode mode) {
            set(METRIC.name(), metric);
            return optMode(mode);
        }

        public Builder optMode(Mode mode) {
            return set(MODE, mode);
        }

        public Builder optSeed(long seed) {
            return set(SEED, seed);
        }

        public Builder optExecutor(ExecutorKind executor) {
            return set(EXECUTOR, executor);
        }

        /** Runs the trials as a Slurm job array with these extra sbatch options (may be empty). */
        public Builder optSlurm(String sbatchOptions) {
            optExecutor(ExecutorKind.SLURM);
            return set(SLURM, sbatchOptions);
        }

        public SweepOptions build() {
            return new SweepOptions(values(), ownScheduler);
        }
    }
}
