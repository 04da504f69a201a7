package ai.lepton.runtime.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;

/** A multilayer perceptron for tabular rows: one stage per hidden width, each linear, ReLU and optional dropout. */
final class Mlp implements ModelFamily {

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String refusal(long[] rowShape, boolean text) {
        return text ? READS_NO_TEXT : null; // any row flattens to features
    }

    @Override
    public SequentialBlock backbone(Architecture architecture) {
        SequentialBlock backbone = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int width : architecture.hidden()) {
            SequentialBlock layer = new SequentialBlock()
                    .add(Linear.builder().setUnits(width).build())
                    .add(Activation::relu);
            if (architecture.dropout() > 0) {
                layer.add(Dropout.builder()
                        .optRate((float) architecture.dropout())
                        .build());
            }
            backbone.add(layer);
        }
        return backbone;
    }
}
