package ai.lepton.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

class TrainOptionsTest {

    /** What the run store gives back: each parameter as text. */
    private static Map<String, String> recorded(TrainOptions options) {
        Map<String, String> params = new LinkedHashMap<>();
        options.asParams().forEach((name, value) -> params.put(name, String.valueOf(value)));
        return params;
    }

    @Test
    void aResumedRunReadsBackExactlyTheHyperparametersItRecorded() {
        TrainOptions options =
                TrainOptions.parse("hidden: [32, 16]\nlr: 3e-4\nepochs: 7\ndevice: cpu\nrestore_best: false\nseed: 99");
        assertEquals(options, TrainOptions.fromParams(recorded(options)));
        TrainOptions tuned =
                options.toBuilder().optPretrained("models/digits-cnn-0to4", 1).build();
        assertEquals(tuned, TrainOptions.fromParams(recorded(tuned)));
    }

    @Test
    void fineTuningsHyperparametersAreRecordedOnlyForAFineTunedRun() {
        assertFalse(TrainOptions.defaults().asParams().containsKey("trainable"));
        assertTrue(
                TrainOptions.builder().optPretrained("m", 0).build().asParams().containsKey("backbone_lr"));
    }

    @Test
    void theBuilderChecksEachValueAsItIsSetAndTheWholeWhenBuilt() {
        TrainingException batch = assertThrows(
                TrainingException.class, () -> TrainOptions.builder().optBatch(0));
        assertEquals("Hyperparameter 'batch' is 0; it must be at least 1.", batch.getMessage());
        TrainingException warmup =
                assertThrows(TrainingException.class, () -> TrainOptions.parse("epochs: 3\nwarmup: 3"));
        assertTrue(warmup.getMessage().contains("'warmup' is 3; it must be 0 to epochs - 1"), warmup.getMessage());
    }

    @Test
    void everyHyperparameterHasHelp() {
        for (var option : TrainOptions.HYPERPARAMETERS.options()) {
            assertTrue(TrainOptions.HYPERPARAMETERS.help().contains(option.name() + " "), option.name());
            assertFalse(option.help().isBlank(), option.name());
        }
    }
}
