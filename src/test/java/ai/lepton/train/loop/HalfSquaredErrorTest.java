package ai.lepton.train.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;

class HalfSquaredErrorTest {

    @Test
    void itIsDjlsL2LossWithTheGradientOfHalfTheMeanSquaredError() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray predictions = manager.create(new float[] {1, 4, -2, 0.5f}, new Shape(4, 1));
            NDArray labels = manager.create(new float[] {2, 1, -2, 3});
            predictions.setRequiresGradient(true);
            JniUtils.setGradMode(true);
            NDArray loss;
            try {
                loss = new HalfSquaredError().evaluate(new NDList(labels), new NDList(predictions));
                JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
            } finally {
                JniUtils.setGradMode(false);
            }
            // (1 + 9 + 0 + 6.25) / 4 / 2
            assertEquals(2.03125f, loss.getFloat(), 1e-6f);
            assertEquals(
                    Loss.l2Loss()
                            .evaluate(new NDList(labels), new NDList(predictions))
                            .getFloat(),
                    loss.getFloat(),
                    1e-6f);
            // d/dp of (p - y)² / 8 is (p - y) / 4
            assertArrayEquals(
                    new float[] {-0.25f, 0.75f, 0f, -0.625f},
                    predictions.getGradient().toFloatArray(),
                    1e-6f);
        }
    }
}
