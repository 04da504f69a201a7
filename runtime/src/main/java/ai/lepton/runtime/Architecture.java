package ai.lepton.runtime;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything needed to rebuild a model's network, saved beside its parameters ({@code architecture.json}):
 * the family, the input shape of one row, the hidden widths or channels, the outputs, dropout.
 * Every network is {@code [backbone, head]}: the backbone a sequence of blocks (one per hidden layer or
 * convolution stage), the head one linear layer, so fine-tuning can freeze blocks and replace the head.
 */
public record Architecture(String family, long[] input, List<Integer> hidden, int outputs, double dropout) {

    public static final String FILE = "architecture.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    public Architecture {
        input = input.clone();
        hidden = List.copyOf(hidden);
    }

    /** The network: a {@link SequentialBlock} of the backbone and the head. */
    public SequentialBlock newBlock() {
        SequentialBlock network = new SequentialBlock();
        network.add(backbone());
        network.add(head(outputs));
        return network;
    }

    public SequentialBlock backbone() {
        SequentialBlock backbone = new SequentialBlock();
        if (family.equals("cnn")) {
            long height = input[1];
            for (int channels : hidden) {
                SequentialBlock stage = new SequentialBlock()
                        .add(Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .setFilters(channels)
                                .build())
                        .add(Activation::relu);
                if (height >= 4) { // halve the image while it stays at least 2 pixels high
                    stage.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
                    height /= 2;
                }
                backbone.add(stage);
            }
            backbone.add(Blocks.batchFlattenBlock());
        } else {
            backbone.add(Blocks.batchFlattenBlock());
            for (int width : hidden) {
                SequentialBlock layer = new SequentialBlock()
                        .add(Linear.builder().setUnits(width).build())
                        .add(Activation::relu);
                if (dropout > 0) {
                    layer.add(Dropout.builder().optRate((float) dropout).build());
                }
                backbone.add(layer);
            }
        }
        return backbone;
    }

    public static Block head(int outputs) {
        return Linear.builder().setUnits(outputs).build();
    }

    /** The backbone's stages that can be frozen: every child but the flatten step. */
    public static List<Block> stages(Block backbone) {
        List<Block> stages = new ArrayList<>();
        backbone.getChildren().values().forEach(child -> {
            if (child instanceof SequentialBlock) {
                stages.add(child);
            }
        });
        return stages;
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
