package ai.lepton.promote;

import ai.lepton.options.Option;
import ai.lepton.options.OptionSet;
import ai.lepton.options.OptionTable;
import ai.lepton.options.OptionType;
import ai.lepton.options.OptionValues;
import ai.lepton.runtime.weights.Precision;

import java.util.List;

/**
 * How to promote: the model's name (required), and optionally its version (default: the next minor one), an alias to
 * point at it, a Maven repository to publish it to, and a smaller precision for its weights with the accuracy that may
 * cost. Each option is declared once below; {@code %lepton promote
 * --name value}, its {@code --help} and completion, and the builder read the same table.
 *
 * <pre>{@code
 * Lepton.promote("wine-mlp", PromoteOptions.builder("wine").optAlias("staging").build());
 * }</pre>
 */
public final class PromoteOptions extends OptionSet {

    public static final Option<String> NAME =
            Option.of("name", OptionType.TEXT, null, "the model's name in the registry (and its Maven artifact id)");
    public static final Option<String> VERSION =
            Option.of("version", OptionType.TEXT, null, "a semantic version such as 1.2.0; default the next minor one");
    public static final Option<String> ALIAS = Option.of(
                    "alias", OptionType.TEXT, null, "an alias to point at the new version (staging, production, ...)")
            .offering(List.of("staging", "production"));
    public static final Option<String> PUBLISH = Option.of(
                    "publish",
                    OptionType.TEXT,
                    null,
                    "a Maven repository to publish to: a folder, a file: or http(s): URL, or local")
            .offering(List.of("local"));

    public static final Option<Precision> QUANTIZE = Option.choice(
            "quantize",
            Precision.class,
            Precision.FP32,
            "store the weights smaller: int8 (matrices as int8, a scale per row) or fp16; fp32 keeps them as trained");
    public static final Option<Double> TOLERANCE = Option.of(
                    "tolerance",
                    OptionType.NUMBER,
                    0.01,
                    "how much compression may cost on the held-out rows: accuracy lost (0.01 = 1 point), or RMSE's"
                            + " relative rise")
            .accepting(tolerance -> tolerance >= 0 && tolerance <= 1, "a number from 0 to 1, such as 0.01");

    /** The options, in the order help lists them. */
    public static final OptionTable OPTIONS = OptionTable.of(
            "promotion option", PromotionException::new, List.of(NAME, VERSION, ALIAS, PUBLISH, QUANTIZE, TOLERANCE));

    private PromoteOptions(OptionValues values) {
        super(values);
        if (values().get(NAME) == null) {
            throw new PromotionException(
                    "A promotion needs the model's name: PromoteOptions.builder(\"wine\"), or --name wine.");
        }
    }

    /** Promotes as the next version of the model {@code name}, with no alias and no publication. */
    public static PromoteOptions named(String name) {
        return builder(name).build();
    }

    public static Builder builder(String name) {
        return new Builder(OPTIONS.defaults().with(NAME, name));
    }

    public String name() {
        return values().get(NAME);
    }

    /** The version to register, or null for the next minor one. */
    public String version() {
        return values().get(VERSION);
    }

    /** The alias to move to the new version, or null. */
    public String alias() {
        return values().get(ALIAS);
    }

    /** The Maven repository to publish to, or null for none. */
    public String publishTo() {
        return values().get(PUBLISH);
    }

    /** How the artifact stores the weights: as trained, or compressed. */
    public Precision precision() {
        return values().get(QUANTIZE);
    }

    /** The most the compressed model may lose on the headline metric against the run's own. */
    public double tolerance() {
        return values().get(TOLERANCE);
    }

    /** Builder in DJL's style: the name in {@link #builder(String)}, {@code opt*} for the rest. */
    public static final class Builder extends OptionSet.Builder<Builder> {

        private Builder(OptionValues values) {
            super(values);
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder optVersion(String version) {
            return set(VERSION, version);
        }

        public Builder optAlias(String alias) {
            return set(ALIAS, alias);
        }

        /** Publishes to a Maven repository: a folder, a file: or http(s): URL, or "local" for ~/.m2. */
        public Builder optPublication(String repository) {
            return set(PUBLISH, repository);
        }

        /** Stores the weights as int8 or fp16, refused if that costs more than the tolerance on the held-out rows. */
        public Builder optQuantize(Precision precision) {
            return set(QUANTIZE, precision);
        }

        /** Accuracy points (as a fraction), or RMSE's relative rise, that compression may cost; default 0.01. */
        public Builder optTolerance(double tolerance) {
            return set(TOLERANCE, tolerance);
        }

        public PromoteOptions build() {
            return new PromoteOptions(values());
        }
    }
}
