package ai.lepton.train.network;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.lepton.runtime.model.ModelFamily;
import ai.lepton.runtime.model.TextBackbone;
import ai.lepton.train.TrainOptions;
import ai.lepton.train.TrainingException;
import ai.lepton.train.listener.TrainingListener;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which weights of a pretrained backbone train, set before each epoch. Stage by stage: all but the last
 * {@code trainable} stages are frozen ({@code -1}: none), and after {@code unfreezeAfter} epochs (when set) the whole
 * backbone trains; a text encoder's embeddings train only with {@code train_embeddings} once every layer does. With LoRA
 * adapters, only the adapters train and every pretrained weight stays as it was.
 */
final class FineTuning implements TrainingListener {

    private final List<Block> stages;
    private final Block embeddings;
    private final boolean trainEmbeddings;
    private final int trainable;
    private final int unfreezeAfter;
    private final int epochs;
    private final boolean adapters;

    private FineTuning(List<Block> stages, Block embeddings, TrainOptions options) {
        this.stages = List.copyOf(stages);
        this.embeddings = embeddings;
        this.trainEmbeddings = options.trainEmbeddings();
        this.trainable = options.trainable();
        this.unfreezeAfter = options.unfreezeAfter();
        this.epochs = options.epochs();
        this.adapters = options.lora() > 0;
    }

    /** Fine-tuning of {@code backbone}, whose stages {@code family} names, as {@code options} say. */
    static FineTuning of(Block backbone, ModelFamily family, TrainOptions options) {
        List<Block> stages = family.stages(backbone);
        if (options.trainable() > stages.size()) {
            throw new TrainingException("trainable: " + options.trainable()
                    + " asks for more blocks than the pretrained backbone has (" + stages.size() + "). Use 0 to "
                    + stages.size() + ", or -1 to train all of it.");
        }
        Block embeddings =
                backbone instanceof TextBackbone text ? text.encoder().embeddings() : null;
        return new FineTuning(stages, embeddings, options);
    }

    /** A backbone that trains whole or not at all (a TorchScript module): {@code trainable} 0, or 1 or -1. */
    static FineTuning whole(Block backbone, TrainOptions options) {
        if (options.trainable() > 1) {
            throw new TrainingException("trainable: " + options.trainable() + " asks for blocks of a backbone that"
                    + " trains whole or not at all. Use 0 (frozen) or -1 (all of it).");
        }
        return new FineTuning(List.of(backbone), null, options);
    }

    @Override
    public void onEpochStart(int epoch) {
        int frozen = frozenStages(epoch);
        for (int stage = 0; stage < stages.size(); stage++) {
            freeze(stages.get(stage), stage < frozen);
        }
        if (embeddings != null) {
            freeze(embeddings, adapters || !(trainEmbeddings && frozen == 0));
        }
    }

    /** How many of the first stages are frozen in {@code epoch}. */
    private int frozenStages(int epoch) {
        if (adapters) {
            return stages.size();
        }
        boolean unfrozen = trainable < 0 || (unfreezeAfter > 0 && epoch > unfreezeAfter);
        return unfrozen ? 0 : stages.size() - trainable;
    }

    private void freeze(Block block, boolean freeze) {
        for (var pair : block.getParameters()) {
            Parameter parameter = pair.getValue();
            Parameter.Type type = parameter.getType();
            // batch-norm running statistics never take gradients: "unfreezing" them would break the backward pass
            if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
                continue;
            }
            parameter.freeze(adapters ? !isAdapter(parameter) : freeze);
        }
    }

    static boolean isAdapter(Parameter parameter) {
        return parameter.getName().startsWith("lora_");
    }

    /** The backbone's parameters that train in some epoch of the run: what a checkpoint must keep. */
    Set<Parameter> everTrained() {
        Set<Parameter> trained = new LinkedHashSet<>();
        List<Block> blocks = new ArrayList<>(stages);
        if (embeddings != null) {
            blocks.add(embeddings);
        }
        for (int epoch = 1; epoch <= epochs; epoch++) {
            onEpochStart(epoch);
            for (Block block : blocks) {
                block.getParameters().values().stream()
                        .filter(Parameter::requiresGradient)
                        .forEach(trained::add);
            }
        }
        onEpochStart(1);
        return trained;
    }

    /** How the backbone trains, for the run's record. */
    String describe() {
        if (adapters) {
            return "LoRA adapters on query and value in " + stages.size() + " layers; every pretrained weight frozen";
        }
        int frozen = trainable < 0 ? 0 : stages.size() - trainable;
        return frozen + " of " + stages.size() + " backbone blocks frozen"
                + (unfreezeAfter > 0 ? ", all train after epoch " + unfreezeAfter : "")
                + (embeddings == null
                        ? ""
                        : trainEmbeddings ? "; embeddings train with every layer" : "; embeddings frozen");
    }
}
