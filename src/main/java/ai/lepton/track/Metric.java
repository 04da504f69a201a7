package ai.lepton.track;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A metric a run records, declared once: the name the store keeps it under, whether it is better higher or lower, and
 * how often it is recorded. Training logs these, sweeps rank trials and the store, plots and magics read them by these
 * constants, so that every part agrees on a metric's direction.
 *
 * @param name  the name in the store, such as {@code val_accuracy}
 * @param mode  whether a higher ({@link Mode#MAX}) or a lower ({@link Mode#MIN}) value is better
 * @param every how often a run records it
 */
public record Metric(String name, Mode mode, Every every) {

    /** How often a run records a metric. */
    public enum Every {
        /** at each optimizer step */
        STEP,
        /** at the end of each epoch */
        EPOCH,
        /** once, when the run (a sweep) ends */
        RUN
    }

    /** What the names of the metrics measured on the validation rows start with: {@code val_loss}. */
    public static final String VALIDATION = "val_";

    private static final String BEST = "best_";

    /** The training loss of each optimizer step. */
    public static final Metric STEP_LOSS = new Metric("step_loss", Mode.MIN, Every.STEP);

    /** The mean training loss of an epoch. */
    public static final Metric LOSS = epoch("loss", Mode.MIN);

    /** The share of training rows classified right in an epoch. */
    public static final Metric ACCURACY = epoch("accuracy", Mode.MAX);

    public static final Metric VAL_LOSS = epoch(VALIDATION + "loss", Mode.MIN);
    public static final Metric VAL_ACCURACY = epoch(VALIDATION + "accuracy", Mode.MAX);
    /** Macro-averaged F1 over the classes present. */
    public static final Metric VAL_F1 = epoch(VALIDATION + "f1", Mode.MAX);
    /** ROC-AUC, one-vs-rest and macro-averaged for more than two classes. */
    public static final Metric VAL_AUC = epoch(VALIDATION + "auc", Mode.MAX);

    public static final Metric VAL_RMSE = epoch(VALIDATION + "rmse", Mode.MIN);
    public static final Metric VAL_MAE = epoch(VALIDATION + "mae", Mode.MIN);
    public static final Metric VAL_R2 = epoch(VALIDATION + "r2", Mode.MAX);

    /** A sweep's cost: the epochs its trials trained, all together. */
    public static final Metric EPOCHS_TOTAL = new Metric("epochs_total", Mode.MIN, Every.RUN);

    /** Every metric Lepton records, by name; {@code best_} metrics are made from them ({@link #best()}). */
    private static final Map<String, Metric> DECLARED = byName(List.of(
            STEP_LOSS,
            LOSS,
            ACCURACY,
            VAL_LOSS,
            VAL_ACCURACY,
            VAL_F1,
            VAL_AUC,
            VAL_RMSE,
            VAL_MAE,
            VAL_R2,
            EPOCHS_TOTAL));

    public Metric {
        if (name == null || name.isBlank() || mode == null || every == null) {
            throw new IllegalArgumentException("a metric has a name, a mode and how often it is recorded");
        }
    }

    private static Metric epoch(String name, Mode mode) {
        return new Metric(name, mode, Every.EPOCH);
    }

    private static Map<String, Metric> byName(List<Metric> metrics) {
        Map<String, Metric> byName = new LinkedHashMap<>();
        metrics.forEach(metric -> byName.put(metric.name(), metric));
        return byName;
    }

    /** The metrics Lepton records, in the order above. */
    public static List<Metric> declared() {
        return List.copyOf(DECLARED.values());
    }

    /** The metrics measured on the validation rows after each epoch: what a run may monitor and a sweep rank by. */
    public static List<Metric> validation() {
        return DECLARED.values().stream()
                .filter(metric -> metric.name().startsWith(VALIDATION))
                .toList();
    }

    /** The metric Lepton declares under {@code name} ({@code best_val_loss} as well as {@code val_loss}), if any. */
    public static Optional<Metric> declared(String name) {
        if (name.startsWith(BEST)) {
            return declared(name.substring(BEST.length()))
                    .filter(of -> of.every() == Every.EPOCH)
                    .map(Metric::best);
        }
        return Optional.ofNullable(DECLARED.get(name));
    }

    /**
     * The metric named {@code name}: the declared one, else a per-epoch metric of a name Lepton does not declare, better
     * lower when its name says it is a loss or an error ({@code loss}, {@code error}, {@code rmse}, {@code mae}), else
     * higher. The one rule for a metric's direction.
     */
    public static Metric named(String name) {
        return declared(name).orElseGet(() -> {
            String lower = name.toLowerCase(Locale.ROOT);
            boolean falls = lower.contains("loss")
                    || lower.contains("error")
                    || lower.endsWith("rmse")
                    || lower.endsWith("mae");
            return epoch(name, falls ? Mode.MIN : Mode.MAX);
        });
    }

    /** The best value of this per-epoch metric, as a run that compares others (a sweep) records it once. */
    public Metric best() {
        return new Metric(BEST + name, mode, Every.RUN);
    }

    /** This metric ranked the other way round than it is declared, when someone asks for that. */
    public Metric rankedBy(Mode ranking) {
        return ranking == mode ? this : new Metric(name, ranking, every);
    }

    /** The name, as the store, YAML and a magic write it. */
    @Override
    public String toString() {
        return name;
    }
}
