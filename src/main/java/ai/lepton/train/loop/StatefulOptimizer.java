package ai.lepton.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.lepton.train.TrainOptions;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Adam, AdamW or SGD with momentum whose state can be saved in a checkpoint and loaded again, so a resumed run
 * continues exactly where it stopped (DJL's own optimizers keep their moments private). Parameters in
 * the backbone group train at a share of the learning rate: fine-tuning moves pretrained weights gently. AdamW decays
 * weights apart from the gradient, and never biases or normalization scales and shifts, as transformer fine-tuning does.
 */
final class StatefulOptimizer extends Optimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;
    private static final float MOMENTUM = 0.9f;
    private static final Set<Parameter.Type> NOT_DECAYED =
            Set.of(Parameter.Type.BIAS, Parameter.Type.GAMMA, Parameter.Type.BETA);

    private final TrainOptions.OptimizerKind kind;
    private final Tracker learningRate;
    private final float decay;
    private final float clip;
    private final float backboneShare;
    private volatile Set<String> backbone = Set.of();
    /** Biases and normalization parameters, which AdamW does not decay. */
    private volatile Set<String> undecayed = Set.of();

    private volatile int globalStep;
    /** Parameter ids are random per model instance; checkpoints name state by the parameter's path in the network. */
    private Map<String, String> namesById = Map.of();

    private final Map<String, NDArray> first = new HashMap<>();
    private final Map<String, NDArray> second = new HashMap<>();
    private final Map<String, Integer> updates = new HashMap<>();

    private StatefulOptimizer(
            Builder builder,
            TrainOptions.OptimizerKind kind,
            Tracker learningRate,
            float decay,
            float clip,
            float backboneShare) {
        super(builder);
        this.kind = kind;
        this.learningRate = learningRate;
        this.decay = decay;
        this.clip = clip;
        this.backboneShare = backboneShare;
    }

    static StatefulOptimizer of(TrainOptions options, Tracker learningRate) {
        return new StatefulOptimizer(
                new Builder(),
                options.optimizer(),
                learningRate,
                (float) options.weightDecay(),
                (float) options.clip(),
                (float) options.backboneLr());
    }

    /** The ids of the parameters that train at the backbone's share of the learning rate. */
    void backboneGroup(Set<String> parameterIds) {
        this.backbone = Set.copyOf(parameterIds);
    }

    /**
     * Learns how {@code network} names each parameter id. Ids differ between model instances (and loading
     * parameters brings the saved ids along), names do not: call this again after loading.
     */
    synchronized void nameParameters(Block network) {
        Map<String, String> names = new HashMap<>();
        Set<String> notDecayed = new HashSet<>();
        network.getParameters().forEach(pair -> {
            names.put(pair.getValue().getId(), pair.getKey());
            if (NOT_DECAYED.contains(pair.getValue().getType())) {
                notDecayed.add(pair.getValue().getId());
            }
        });
        this.namesById = Map.copyOf(names);
        this.undecayed = Set.copyOf(notDecayed);
    }

    /** The loop's step count, which the learning-rate schedule follows (per-parameter counts lag for unfrozen blocks). */
    void atStep(int step) {
        this.globalStep = step;
    }

    /** The learning rate at the current step, for the progress view. */
    float currentRate() {
        return learningRate.getNewValue(globalStep);
    }

    @Override
    public synchronized void update(String parameterId, NDArray weight, NDArray grad) {
        int step = updates.merge(parameterId, 1, Integer::sum);
        float rate = learningRate.getNewValue(globalStep) * (backbone.contains(parameterId) ? backboneShare : 1f);
        boolean adamw = kind == TrainOptions.OptimizerKind.ADAMW;
        float weightDecay = adamw && undecayed.contains(parameterId) ? 0f : decay;
        // the engine's update ops clip only from above: clip both ways here and tell them "no clipping" (negative)
        NDArray clipped = clip > 0 ? grad.clip(-clip, clip) : grad;
        try {
            fusedUpdate(parameterId, weight, clipped, step, rate, weightDecay, adamw);
        } finally {
            if (clipped != grad) {
                clipped.close();
            }
        }
    }

    /** The engine's fused update ops: one native call per parameter, which also resets the weight's gradient. */
    private void fusedUpdate(
            String parameterId, NDArray weight, NDArray grad, int step, float rate, float weightDecay, boolean adamw) {
        NDArray m = first.computeIfAbsent(parameterId, id -> weight.zerosLike());
        if (kind != TrainOptions.OptimizerKind.SGD) {
            NDArray v = second.computeIfAbsent(parameterId, id -> weight.zerosLike());
            double correction1 = 1 - Math.pow(BETA1, step);
            double correction2 = 1 - Math.pow(BETA2, step);
            float corrected = (float) (rate * Math.sqrt(correction2) / correction1);
            weight.getNDArrayInternal()
                    .adamUpdate(
                            new NDList(weight, grad, m, v),
                            new NDList(weight),
                            rate,
                            corrected,
                            weightDecay,
                            1f,
                            -1f,
                            BETA1,
                            BETA2,
                            EPSILON,
                            true,
                            adamw);
        } else {
            weight.getNDArrayInternal()
                    .sgdUpdate(
                            new NDList(weight, grad, m),
                            new NDList(weight),
                            rate,
                            weightDecay,
                            1f,
                            -1f,
                            MOMENTUM,
                            true);
        }
    }

    /** The moments and step counts, named by parameter, for a checkpoint. */
    synchronized NDList state() {
        NDList state = new NDList();
        for (Map.Entry<String, NDArray> entry : new TreeMap<>(first).entrySet()) {
            String name = namesById.getOrDefault(entry.getKey(), entry.getKey());
            NDArray m = entry.getValue().duplicate();
            m.setName(name + "|m|" + updates.get(entry.getKey()));
            state.add(m);
            if (second.containsKey(entry.getKey())) {
                NDArray v = second.get(entry.getKey()).duplicate();
                v.setName(name + "|v|" + updates.get(entry.getKey()));
                state.add(v);
            }
        }
        return state;
    }

    /** Takes over a checkpoint's state; arrays move to {@code manager}, which must outlive training. */
    synchronized void restore(NDList state, NDManager manager) {
        Map<String, String> idsByName = new HashMap<>();
        namesById.forEach((id, name) -> idsByName.put(name, id));
        for (NDArray array : state) {
            String[] parts = array.getName().split("\\|");
            String id = idsByName.getOrDefault(parts[0], parts[0]);
            array.attach(manager);
            (parts[1].equals("m") ? first : second).put(id, array);
            updates.put(id, Integer.parseInt(parts[2]));
        }
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
