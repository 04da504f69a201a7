package ai.lepton.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import ai.lepton.runtime.model.Factors;

/**
 * Regression's loss: half the mean squared error, as DJL's L2 loss defines it, whose {@code mul(Number)} would hand the
 * backward pass a freed factor (see {@link Factors}).
 */
final class HalfSquaredError extends Loss {

    HalfSquaredError() {
        super("L2Loss");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray prediction = predictions.singletonOrThrow();
        NDArray label = labels.singletonOrThrow().reshape(prediction.getShape());
        return Factors.times(label.sub(prediction).square().mean(), 0.5);
    }
}
