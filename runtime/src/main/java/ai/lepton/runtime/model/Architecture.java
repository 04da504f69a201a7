package ai.lepton.runtime.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.lepton.runtime.artifact.JsonEntry;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.util.Arrays;
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
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    public Architecture {
        input = input.clone();
        hidden = List.copyOf(hidden);
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

    /** Whether the network reads a text column. */
    public boolean readsText() {
        return encoder != null;
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    /** Reads {@code architecture.json}; an error names what is missing rather than building a broken network. */
    public static Architecture fromJson(String json) {
        Architecture architecture;
        try {
            architecture = GSON.fromJson(json, Architecture.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("architecture.json is not readable JSON: " + e.getMessage(), e);
        }
        return checked(architecture);
    }

    /** Reads an artifact's {@code architecture.json}; a field of the wrong type is refused as a damaged artifact. */
    public static Architecture fromJson(JsonEntry json) {
        return checked(json.as(Architecture.class));
    }

    private static Architecture checked(Architecture architecture) {
        if (architecture == null
                || architecture.family == null
                || architecture.input == null
                || architecture.hidden == null
                || architecture.outputs < 1) {
            throw new IllegalArgumentException(
                    "architecture.json lacks the family, input, hidden or outputs of the network.");
        }
        if (!ModelFamily.names().contains(architecture.family)) {
            throw new IllegalArgumentException("architecture.json names the model family '" + architecture.family
                    + "', which this Lepton does not know (it knows " + String.join(", ", ModelFamily.names())
                    + "). Use a Lepton as new as the one that trained the model.");
        }
        if (architecture.family.equals("bert") && architecture.encoder == null) {
            throw new IllegalArgumentException("architecture.json of a bert model has no encoder settings.");
        }
        return architecture;
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
