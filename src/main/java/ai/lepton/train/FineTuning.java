package ai.lepton.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.lepton.runtime.model.ModelFamily;

import java.util.List;

/**
 * Which backbone stages of a pretrained model train, set before each epoch: all but the last {@code trainable} stages
 * are frozen ({@code -1}: none frozen), and after {@code unfreezeAfter} epochs (when set) the whole backbone trains.
 */
final class FineTuning implements TrainingListener {

    private final List<Block> stages;
    private final int trainable;
    private final int unfreezeAfter;

    private FineTuning(List<Block> stages, int trainable, int unfreezeAfter) {
        this.stages = List.copyOf(stages);
        this.trainable = trainable;
        this.unfreezeAfter = unfreezeAfter;
    }

    /** Fine-tuning of {@code backbone}, whose stages {@code family} names, as {@code options} say. */
    static FineTuning of(Block backbone, ModelFamily family, TrainOptions options) {
        List<Block> stages = family.stages(backbone);
        if (options.trainable() > stages.size()) {
            throw new TrainingException("trainable: " + options.trainable()
                    + " asks for more blocks than the pretrained backbone has (" + stages.size() + "). Use 0 to "
                    + stages.size() + ", or -1 to train all of it.");
        }
        return new FineTuning(stages, options.trainable(), options.unfreezeAfter());
    }

    @Override
    public void onEpochStart(int epoch) {
        boolean unfrozen = trainable < 0 || (unfreezeAfter > 0 && epoch > unfreezeAfter);
        int frozen = unfrozen ? 0 : stages.size() - trainable;
        for (int stage = 0; stage < stages.size(); stage++) {
            boolean freeze = stage < frozen;
            for (var pair : stages.get(stage).getParameters()) {
                Parameter.Type type = pair.getValue().getType();
                // batch-norm running statistics never take gradients: "unfreezing" them would break the backward pass
                if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                    pair.getValue().freeze(freeze);
                }
            }
        }
    }

    /** The number of frozen stages at the start, for the run's record. */
    String describe() {
        int frozen = trainable < 0 ? 0 : stages.size() - trainable;
        return frozen + " of " + stages.size() + " backbone blocks frozen"
                + (unfreezeAfter > 0 ? ", all train after epoch " + unfreezeAfter : "");
    }
}
