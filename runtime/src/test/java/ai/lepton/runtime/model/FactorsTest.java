package ai.lepton.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

class FactorsTest {

    /**
     * What a busy JVM does between a forward and a backward pass: the collector frees unreachable buffers, and new
     * ones take their memory. With DJL's {@code mul(3f)} the gradient then came out as 8.6e27 instead of 3.
     */
    private static List<ByteBuffer> collectAndReuseFreedBuffers() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(30); // the cleaner thread frees the collected buffers' memory
        }
        List<ByteBuffer> reused = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            reused.add(ByteBuffer.allocateDirect(Float.BYTES)
                    .order(ByteOrder.nativeOrder())
                    .putFloat(0, 7f));
        }
        return reused;
    }

    @Test
    void theBackwardPassReadsTheFactorsItWasGivenAfterTheirJavaBuffersAreGone() throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = manager.create(new float[] {1, 2, 3});
            x.setRequiresGradient(true);
            JniUtils.setGradMode(true);
            List<ByteBuffer> reused;
            try {
                NDArray y = Factors.times(x, 3).add(Factors.dividedBy(x, 4)).sum();
                reused = collectAndReuseFreedBuffers();
                JniUtils.backward((PtNDArray) y, (PtNDArray) y.onesLike(), false, false);
            } finally {
                JniUtils.setGradMode(false);
            }
            assertArrayEquals(new float[] {3.25f, 3.25f, 3.25f}, x.getGradient().toFloatArray(), reused.size() + "");
        }
    }
}
