package ai.lepton.track;

/**
 * The tags Lepton itself writes on runs, each key named once here; every part that writes or reads one uses these. A
 * person's own tags may use any other key.
 */
public enum Tag {
    /** Why a run failed or was interrupted, in a sentence that says what to do. */
    FAILURE("failure"),
    /** What a run is when it is not a training run: {@code sweep}. */
    KIND("kind"),
    /** A sweep's scheduler and its settings, in a few words. */
    SCHEDULER("scheduler"),
    /** A sweep's best trial's number. */
    BEST_TRIAL("best_trial"),
    /** A sweep's best trial's run id. */
    BEST_RUN("best_run"),
    /** The Slurm job (or array task, {@code JOB_TASK}) that runs a run, or the job array of a sweep's trials. */
    SLURM_JOB("slurm_job"),
    /** The model version a run was promoted to. */
    PROMOTED("promoted"),
    /** How training ended: finished, stopped early, pruned. */
    OUTCOME("outcome"),
    /** What of a pretrained model trained and what stayed frozen. */
    FINE_TUNING("fine_tuning"),
    /** How the new head on a pretrained text encoder was fitted as a probe before fine-tuning started. */
    HEAD_PROBE("head_probe"),
    /** How many values a run's checkpoints hold. */
    CHECKPOINT_VALUES("checkpoint_values"),
    /** How many training texts were cut at max_length. */
    TRUNCATED_TEXTS("truncated_texts");

    private final String key;

    Tag(String key) {
        this.key = key;
    }

    /** The key the store keeps the tag under. */
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }
}
