package ai.lepton.runtime.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import java.util.ArrayList;
import java.util.List;

/**
 * A kind of network Lepton trains and serves: it builds the backbone an {@link Architecture} describes, says which rows it
 * can read, and names the stages fine-tuning freezes. Training, checkpoints, promotion and the production runtime all
 * rebuild a network through its family, so a new family is one implementation here.
 */
public interface ModelFamily {

    /** What the families that read no text say of rows with a text column. */
    String READS_NO_TEXT = "reads no text, and these rows have a text column (fine-tune a pretrained language model on"
            + " them: pretrained: sentence-transformers/all-MiniLM-L6-v2)";

    /** The name {@code model:} and {@code architecture.json} use: {@code mlp}, {@code cnn}, {@code bert}. */
    String name();

    /**
     * Why rows of shape {@code rowShape}, with or without a text column, do not fit this family ("needs images, rows of
     * shape ..."), or null when they do.
     */
    String refusal(long[] rowShape, boolean text);

    /** The backbone: a sequence of stages that can be frozen, ending in flat features. */
    Block backbone(Architecture architecture);

    /** The shapes of the arrays a batch of {@code batch} rows feeds the network: one array of rows, unless overridden. */
    default Shape[] inputShapes(Architecture architecture, int batch) {
        long[] dims = new long[architecture.input().length + 1];
        dims[0] = batch;
        System.arraycopy(architecture.input(), 0, dims, 1, architecture.input().length);
        return new Shape[] {new Shape(dims)};
    }

    /** The head that turns the backbone's features into {@code outputs} scores. */
    default Block head(int outputs) {
        return Linear.builder().setUnits(outputs).build();
    }

    /** The stages of a backbone this family built, first to last: what fine-tuning freezes or trains. */
    default List<Block> stages(Block backbone) {
        List<Block> stages = new ArrayList<>();
        backbone.getChildren().values().forEach(child -> {
            if (child instanceof SequentialBlock) {
                stages.add(child);
            }
        });
        return stages;
    }

    /** Every family this Lepton knows. */
    static List<ModelFamily> all() {
        return List.of(new Mlp(), new Cnn(), new Bert());
    }

    static List<String> names() {
        return all().stream().map(ModelFamily::name).toList();
    }

    /** The family named {@code name}; an unknown one is an {@link IllegalArgumentException} listing the known. */
    static ModelFamily named(String name) {
        return all().stream()
                .filter(family -> family.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no model family '" + name + "'; Lepton knows " + String.join(", ", names())));
    }
}
