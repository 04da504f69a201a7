package ai.lepton.train.loop;

import ai.djl.training.tracker.Tracker;
import ai.lepton.train.TrainOptions;

/**
 * The learning rate at each optimizer step: a linear warm-up from lr/10, then constant, step decay, cosine decay to
 * lr/100 or linear decay to 0 over the remaining steps.
 */
record Schedule(
        TrainOptions.ScheduleKind kind, float lr, int warmupSteps, int totalSteps, int stepEverySteps, float stepFactor)
        implements Tracker {

    /** {@code stepsPerEpoch}: optimizer steps, one per {@code accumulate} batches. */
    static Schedule of(TrainOptions options, int stepsPerEpoch) {
        return new Schedule(
                options.schedule(),
                (float) options.lr(),
                options.warmup() * stepsPerEpoch,
                options.epochs() * stepsPerEpoch,
                options.stepEvery() * stepsPerEpoch,
                (float) options.stepFactor());
    }

    @Override
    public float getNewValue(int step) {
        if (step < warmupSteps) {
            return lr / 10 + (lr - lr / 10) * step / warmupSteps;
        }
        int after = step - warmupSteps;
        return switch (kind) {
            case STEP -> lr * (float) Math.pow(stepFactor, after / stepEverySteps);
            case COSINE -> {
                double progress = Math.min(1, (double) after / Math.max(1, totalSteps - warmupSteps));
                yield (float) (lr / 100 + (lr - lr / 100) * (1 + Math.cos(Math.PI * progress)) / 2);
            }
            case LINEAR -> {
                double progress = Math.min(1, (double) after / Math.max(1, totalSteps - warmupSteps));
                yield (float) (lr * (1 - progress));
            }
            case CONSTANT -> lr;
        };
    }
}
