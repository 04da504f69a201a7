package ai.lepton.runtime.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;

/**
 * A convolutional network for images (rows of shape channels × height × width): one stage per channel count, each a 3×3
 * convolution and ReLU, halving the image while it stays at least 2 pixels high.
 */
final class Cnn implements ModelFamily {

    @Override
    public String name() {
        return "cnn";
    }

    @Override
    public String refusal(long[] rowShape, boolean text) {
        if (text) {
            return READS_NO_TEXT;
        }
        return rowShape.length == 3 ? null : "needs images, rows of shape (channels, height, width)";
    }

    @Override
    public SequentialBlock backbone(Architecture architecture) {
        SequentialBlock backbone = new SequentialBlock();
        long height = architecture.input()[1];
        for (int channels : architecture.hidden()) {
            SequentialBlock stage = new SequentialBlock()
                    .add(Conv2d.builder()
                            .setKernelShape(new Shape(3, 3))
                            .optPadding(new Shape(1, 1))
                            .setFilters(channels)
                            .build())
                    .add(Activation::relu);
            if (height >= 4) {
                stage.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
                height /= 2;
            }
            backbone.add(stage);
        }
        return backbone.add(Blocks.batchFlattenBlock());
    }
}
