package ai.lepton.runtime.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.util.Arrays;
import java.util.List;

/**
 * Everything needed to rebuild a model's network, saved beside its parameters ({@code architecture.json}):
 * the family, the input shape of one row, the hidden widths or channels, the outputs, dropout.
 * Every network is {@code [backbone, head]}: the backbone a sequence of stages its {@link ModelFamily} builds, the head
 * one linear layer, so fine-tuning can freeze stages and replace the head.
 */
public record Architecture(String family, long[] input, List<Integer> hidden, int outputs, double dropout) {

    public static final String FILE = "architecture.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    public Architecture {
        input = input.clone();
        hidden = List.copyOf(hidden);
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

    /** The shape of a batch of {@code batch} rows. */
    public Shape inputShape(int batch) {
        long[] dims = new long[input.length + 1];
        dims[0] = batch;
        System.arraycopy(input, 0, dims, 1, input.length);
        return new Shape(dims);
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
        return architecture;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Architecture that
                && family.equals(that.family)
                && Arrays.equals(input, that.input)
                && hidden.equals(that.hidden)
                && outputs == that.outputs
                && dropout == that.dropout;
    }

    @Override
    public int hashCode() {
        return family.hashCode() * 31 + Arrays.hashCode(input) * 17 + hidden.hashCode() + outputs;
    }

    @Override
    public String toString() {
        return family + " " + Arrays.toString(input) + " → " + hidden + " → " + outputs;
    }
}
