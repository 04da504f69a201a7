package ai.lepton.sweep;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a sweep runs: the search, how many trials, the scheduler that stops poor trials early, how many
 * trials run at once, and the metric that ranks them.
 *
 * @param metric       the metric trials are ranked by; null: the space's fixed {@code monitor}, else val_loss
 * @param mode         whether the metric is better higher or lower; null: from the metric's name
 * @param scheduler    {@code asha}, {@code median} or {@code none}
 * @param grace        epochs every trial trains before a scheduler may stop it
 * @param eta          ASHA's reduction factor
 * @param trialsPerGpu how many trials may share one GPU
 */
public record SweepOptions(
        Search search,
        int trials,
        String scheduler,
        int eta,
        int grace,
        int parallel,
        int trialsPerGpu,
        String metric,
        Mode mode,
        long seed) {

    public static final java.util.List<String> SCHEDULERS = java.util.List.of("asha", "median", "none");

    public SweepOptions {
        scheduler = scheduler.toLowerCase(Locale.ROOT);
        if (!SCHEDULERS.contains(scheduler)) {
            throw new SweepException(
                    "Unknown scheduler '" + scheduler + "'; use one of " + String.join(", ", SCHEDULERS) + ".");
        }
        if (trials < 0) {
            throw new SweepException("trials must be 0 (a whole grid) or more, not " + trials + ".");
        }
    }

    /** Random search of 20 trials with ASHA (eta 3, grace 1), one trial at a time, seed 42. */
    public static SweepOptions defaults() {
        return new SweepOptions(Search.RANDOM, 20, "asha", 3, 1, 1, 1, null, null, 42);
    }

    public SweepOptions withSearch(Search search) {
        return new SweepOptions(search, trials, scheduler, eta, grace, parallel, trialsPerGpu, metric, mode, seed);
    }

    public SweepOptions withTrials(int trials) {
        return new SweepOptions(search, trials, scheduler, eta, grace, parallel, trialsPerGpu, metric, mode, seed);
    }

    public SweepOptions withScheduler(String scheduler) {
        return new SweepOptions(search, trials, scheduler, eta, grace, parallel, trialsPerGpu, metric, mode, seed);
    }

    /** ASHA's reduction factor and the epochs before any trial can be stopped. */
    public SweepOptions withHalving(int eta, int grace) {
        return new SweepOptions(search, trials, scheduler, eta, grace, parallel, trialsPerGpu, metric, mode, seed);
    }

    public SweepOptions withParallel(int parallel, int trialsPerGpu) {
        return new SweepOptions(search, trials, scheduler, eta, grace, parallel, trialsPerGpu, metric, mode, seed);
    }

    public SweepOptions withMetric(String metric, Mode mode) {
        return new SweepOptions(search, trials, scheduler, eta, grace, parallel, trialsPerGpu, metric, mode, seed);
    }

    public SweepOptions withSeed(long seed) {
        return new SweepOptions(search, trials, scheduler, eta, grace, parallel, trialsPerGpu, metric, mode, seed);
    }

    /** The scheduler these options name, for trials of up to {@code maxEpochs} epochs ranked by {@code rank}. */
    Scheduler newScheduler(int maxEpochs, Mode rank) {
        return switch (scheduler) {
            case "asha" -> new AshaScheduler(grace, eta, maxEpochs, rank);
            case "median" -> new MedianStoppingScheduler(grace, 3, rank);
            default -> Scheduler.fifo();
        };
    }

    /** The options as a sweep run's parameters; {@link #fromParams} reads them back. */
    Map<String, Object> asParams(String resolvedMetric, Mode resolvedMode) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("search", search.name().toLowerCase(Locale.ROOT));
        params.put("trials", trials);
        params.put("scheduler", scheduler);
        params.put("eta", eta);
        params.put("grace", grace);
        params.put("parallel", parallel);
        params.put("trials_per_gpu", trialsPerGpu);
        params.put("metric", resolvedMetric);
        params.put("mode", resolvedMode.name().toLowerCase(Locale.ROOT));
        params.put("seed", seed);
        return params;
    }

    static SweepOptions fromParams(Map<String, String> params) {
        return new SweepOptions(
                Search.valueOf(params.get("search").toUpperCase(Locale.ROOT)),
                Integer.parseInt(params.get("trials")),
                params.get("scheduler"),
                Integer.parseInt(params.get("eta")),
                Integer.parseInt(params.get("grace")),
                Integer.parseInt(params.get("parallel")),
                Integer.parseInt(params.get("trials_per_gpu")),
                params.get("metric"),
                Mode.valueOf(params.get("mode").toUpperCase(Locale.ROOT)),
                Long.parseLong(params.get("seed")));
    }
}
