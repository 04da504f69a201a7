package ai.lepton.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.options.BuilderMethods;
import ai.lepton.track.Metric;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
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
    void everyHyperparameterHasATypedBuilderMethodThatSetsIt() {
        assertEquals(
                List.of(),
                BuilderMethods.missing(
                        TrainOptions.HYPERPARAMETERS, TrainOptions::builder, Map.of("lr", "optLearningRate")));
    }

    @Test
    void theTypedBuilderGivesWhatTheYamlGives() {
        String common = "pretrained: sentence-transformers/all-MiniLM-L6-v2\nmax_length: 64\nbatch: 16\n"
                + "monitor: val_accuracy\nseed: 5\n";
        TrainOptions.Builder typed = TrainOptions.builder()
                .optPretrained("sentence-transformers/all-MiniLM-L6-v2")
                .optMaxLength(64)
                .optBatch(16)
                .optMonitor(Metric.VAL_ACCURACY)
                .optSeed(5);
        assertEquals(
                TrainOptions.parse(common + "epochs: 4\nlr: 5e-4\ninit: random\ntrainable: -1\noptimizer: adamw\n"),
                typed.optEpochs(4)
                        .optLearningRate(5e-4)
                        .optInit(TrainOptions.Init.RANDOM)
                        .optTrainable(-1)
                        .optOptimizer(TrainOptions.OptimizerKind.ADAMW)
                        .build());
        assertEquals("adamw", recorded(typed.build()).get("optimizer"), "choices are recorded as YAML writes them");
    }

    @Test
    void aMonitorLeptonDoesNotMeasureIsRefusedBeforeTrainingNamingTheOnesItDoes() {
        TrainingException error =
                assertThrows(TrainingException.class, () -> TrainOptions.parse("monitor: val_loss_ema"));
        assertEquals(
                "Line 1, 'monitor': Hyperparameter 'monitor' is val_loss_ema; it must be a validation metric: val_loss,"
                        + " val_accuracy, val_f1, val_auc, val_rmse, val_mae, val_r2.",
                error.getMessage());
    }

    @Test
    void aChoiceIsRefusedInTheSameWordsWhetherAnEnumOrAListHoldsIt() {
        assertEquals(
                "Line 1, 'optimizer': Hyperparameter 'optimizer' is adamx; it must be one of [adam, adamw, sgd].",
                assertThrows(TrainingException.class, () -> TrainOptions.parse("optimizer: adamx"))
                        .getMessage());
        assertEquals(
                "Line 1, 'model': Hyperparameter 'model' is transformer; it must be one of [mlp, cnn, bert].",
                assertThrows(TrainingException.class, () -> TrainOptions.parse("model: transformer"))
                        .getMessage());
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
