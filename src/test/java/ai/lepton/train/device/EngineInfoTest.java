package ai.lepton.train.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.lepton.Lepton;
import org.junit.jupiter.api.Test;

class EngineInfoTest {

    @Test
    void loadsPyTorchOfflineFromTheMavenNatives() {
        EngineInfo engine = Lepton.engine();
        assertEquals("PyTorch", engine.name());
        assertEquals("2.7.1", engine.version());
        assertTrue(engine.offline(), "the build runs DJL with ai.djl.offline=true");
        if (engine.gpuCount() == 0) {
            assertEquals(Device.cpu(), engine.defaultDevice());
            assertTrue(engine.toString().contains("CPU only"));
        }
    }

    @Test
    void computesOnTheDefaultDevice() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float total = manager.create(new float[] {1f, 2f, 3f}).mul(2).sum().getFloat();
            assertEquals(12f, total);
        }
    }
}
