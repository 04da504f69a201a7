package ai.lepton.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.track.RunStatus;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

class TrainingResultTest {

    @Test
    void aResultReadsItsMetricsToFourDecimalsAsTheLiveViewDoes() {
        TrainingResult result = new TrainingResult(
                "9a512e904673",
                RunStatus.FINISHED,
                4,
                3,
                Map.of("val_accuracy", 0.8958333333333334, "loss", 0.2712805291468447),
                null,
                Path.of("checkpoints"));
        assertEquals(
                "run 9a512e904673 FINISHED after 4 epochs; best epoch 3: loss 0.2713 · val_accuracy 0.8958",
                result.toString());
    }
}
