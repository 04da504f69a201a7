package ai.lepton.runtime.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.lepton.runtime.artifact.ArtifactLimits;
import ai.lepton.runtime.artifact.JsonEntry;
import ai.lepton.runtime.json.UntrustedJson;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to rebuild a model's network, saved beside its parameters ({@code architecture.json}):
 * the family, the input shape of one row, the hidden widths or channels, the outputs, dropout, and for a text model its
 * encoder. Every network is {@code [backbone, head]}: the backbone a sequence of stages its {@link ModelFamily} builds,
 * the head one linear layer, so fine-tuning can freeze stages and replace the head.
 *
 * @param input   the shape of one row's tabular features (for a text model, how many sit beside the text: maybe 0)
 * @param encoder a text model's encoder; null for the families that read no text
 */
public record Architecture(
        String family, long[] input, List<Integer> hidden, int outputs, double dropout, EncoderSettings encoder) {

    public static final String FILE = "architecture.json";
    /** The most units one layer may have: a hidden width, a convolution's channels, the outputs (classes). */
    private static final int MAX_UNITS = 1 << 16;
    /** The most hidden layers (or convolution stages) a network may have. */
    private static final int MAX_LAYERS = 256;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** What makes the error for a field of a read architecture: the field's name and what is wrong with it. */
    @FunctionalInterface
    private interface Damage {
        RuntimeException of(String field, String problem);
    }

    public Architecture {
        input = input == null ? null : input.clone(); // as read, a missing field is refused by name (checked)
        hidden = hidden == null ? null : Collections.unmodifiableList(new ArrayList<>(hidden));
    }

    /** A network that reads no text. */
    public Architecture(String family, long[] input, List<Integer> hidden, int outputs, double dropout) {
        this(family, input, hidden, outputs, dropout, null);
    }

    /** The family that builds this network. */
    public ModelFamily familyOf() {
        return ModelFamily.named(family);
    }

    /** The network: a {@link SequentialBlock} of the family's backbone and head. */
    public SequentialBlock newBlock() {
        ModelFamily builder = familyOf();
        return new SequentialBlock().add(builder.backbone(this)).add(builder.head(outputs));
    }

    /** The shape of a batch of {@code batch} rows, for the families that read one array of rows. */
    public Shape inputShape(int batch) {
        return familyOf().inputShapes(this, batch)[0];
    }

    /** The shapes of every array a batch of {@code batch} rows feeds the network (a text model's: ids, mask, types ...). */
    public Shape[] inputShapes(int batch) {
        return familyOf().inputShapes(this, batch);
    }

    /** How many features one row has: the product of {@link #input}, at most {@link ArtifactLimits#MAX_FEATURES}. */
    public int features() {
        return (int) Arrays.stream(input).reduce(1, (a, b) -> a * b); // checked not to overflow when read
    }

    /** Whether the network reads a text column. */
    public boolean readsText() {
        return encoder != null;
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    /** Reads {@code architecture.json}; an error names what is missing or out of range rather than building a broken network. */
    public static Architecture fromJson(String json) {
        Architecture architecture;
        try {
            architecture = GSON.fromJson(UntrustedJson.parse(json), Architecture.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("architecture.json is not readable JSON: " + e.getMessage(), e);
        }
        if (architecture == null) {
            throw new IllegalArgumentException("architecture.json is empty.");
        }
        return checked(
                architecture,
                (field, problem) -> new IllegalArgumentException(
                        "architecture.json is damaged: field '" + field + "' " + problem + "."));
    }

    /**
     * Reads an artifact's {@code architecture.json}; a field of the wrong type or out of range is refused as a damaged
     * artifact, naming it.
     */
    public static Architecture fromJson(JsonEntry json) {
        return checked(json.as(Architecture.class), json::damaged);
    }

    /**
     * {@code architecture} when every size is one a network of its family can have: a known family, an input of
     * positive sizes (a text model's: the count of features beside the text) whose product is a row's features, at
     * most {@link ArtifactLimits#MAX_FEATURES}; up to {@link #MAX_LAYERS} hidden layers and outputs of 1 to
     * {@link #MAX_UNITS} units; a dropout from 0 to below 1; and encoder settings exactly for the family that reads
     * text, with adapters no wider than the encoder.
     */
    private static Architecture checked(Architecture architecture, Damage damaged) {
        if (architecture.family == null) {
            throw damaged.of("family", "is missing");
        }
        if (!ModelFamily.names().contains(architecture.family)) {
            throw new IllegalArgumentException("architecture.json names the model family '" + architecture.family
                    + "', which this Lepton does not know (it knows " + String.join(", ", ModelFamily.names())
                    + "). Use a Lepton as new as the one that trained the model.");
        }
        boolean text = architecture.family.equals("bert");
        checkInput(architecture, text, damaged);
        if (architecture.hidden == null) {
            throw damaged.of("hidden", "is missing");
        }
        if (architecture.hidden.size() > MAX_LAYERS) {
            throw damaged.of(
                    "hidden",
                    "gives " + architecture.hidden.size() + " layers, more than the " + MAX_LAYERS
                            + " a network may have");
        }
        for (int i = 0; i < architecture.hidden.size(); i++) {
            checkUnits("hidden[" + i + "]", architecture.hidden.get(i), damaged);
        }
        checkUnits("outputs", architecture.outputs, damaged);
        if (!(architecture.dropout >= 0 && architecture.dropout < 1)) {
            throw damaged.of("dropout", "is " + architecture.dropout + ", not a rate from 0 to below 1");
        }
        if (text != (architecture.encoder != null)) {
            throw damaged.of(
                    "encoder",
                    text
                            ? "is missing, and the bert family needs it"
                            : "is given, and the " + architecture.family + " family reads no text");
        }
        if (text
                && architecture.encoder.lora().rank()
                        > architecture.encoder.config().hiddenSize()) {
            throw damaged.of(
                    "encoder.lora.rank",
                    "is " + architecture.encoder.lora().rank() + ", wider than the encoder's hidden size "
                            + architecture.encoder.config().hiddenSize());
        }
        return architecture;
    }

    /**
     * The input: as many sizes as the family reads (a convolutional network's channels, height and width; a text
     * model's count of the features beside the text), each from 1 (a text model's from 0), their product at most
     * {@link ArtifactLimits#MAX_FEATURES}.
     */
    private static void checkInput(Architecture architecture, boolean text, Damage damaged) {
        long[] input = architecture.input;
        if (input == null) {
            throw damaged.of("input", "is missing");
        }
        int dimensions = text ? 1 : architecture.family.equals("cnn") ? 3 : input.length;
        if (input.length != dimensions || input.length == 0) {
            throw damaged.of(
                    "input",
                    "has " + input.length + " sizes, and the " + architecture.family + " family"
                            + " reads "
                            + (text
                                    ? "1: the features beside the text"
                                    : dimensions == 3 ? "3: channels, height, width" : "1 or more"));
        }
        long features = 1;
        for (int i = 0; i < input.length; i++) {
            if (input[i] < (text ? 0 : 1) || input[i] > ArtifactLimits.MAX_FEATURES) {
                throw damaged.of(
                        "input[" + i + "]",
                        "is " + input[i] + ", not a size from " + (text ? 0 : 1) + " to "
                                + ArtifactLimits.MAX_FEATURES);
            }
            features *= input[i]; // at most MAX_FEATURES squared: no overflow
            if (features > ArtifactLimits.MAX_FEATURES) {
                throw damaged.of(
                        "input",
                        "makes rows of " + features + " features and more, beyond the " + ArtifactLimits.MAX_FEATURES
                                + " a row may have");
            }
        }
    }

    private static void checkUnits(String field, Integer units, Damage damaged) {
        if (units == null || units < 1 || units > MAX_UNITS) {
            throw damaged.of(field, "is " + units + ", not a count of units from 1 to " + MAX_UNITS);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Architecture that
                && family.equals(that.family)
                && Arrays.equals(input, that.input)
                && hidden.equals(that.hidden)
                && outputs == that.outputs
                && dropout == that.dropout
                && Objects.equals(encoder, that.encoder);
    }

    @Override
    public int hashCode() {
        return family.hashCode() * 31
                + Arrays.hashCode(input) * 17
                + hidden.hashCode()
                + outputs
                + Objects.hashCode(encoder);
    }

    @Override
    public String toString() {
        if (encoder != null) {
            return family + " " + encoder.config().layers() + "×"
                    + encoder.config().hiddenSize() + " " + encoder.pooling()
                    + (encoder.lora().enabled() ? " lora " + encoder.lora().rank() : "") + " + " + input[0]
                    + " features → " + outputs;
        }
        return family + " " + Arrays.toString(input) + " → " + hidden + " → " + outputs;
    }
}
