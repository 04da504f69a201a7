package ai.lepton.train.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.train.TrainOptions;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static Schedule schedule(String yaml) {
        return Schedule.of(TrainOptions.parse("lr: 0.1\nepochs: 10\n" + yaml), 10); // 10 steps an epoch, 100 in all
    }

    @Test
    void warmUpRisesLinearlyFromATenthToTheFullRate() {
        Schedule warm = schedule("warmup: 2");
        assertEquals(0.01f, warm.getNewValue(0), 1e-6);
        assertEquals(0.055f, warm.getNewValue(10), 1e-6);
        assertEquals(0.1f, warm.getNewValue(20), 1e-6);
        assertEquals(0.1f, warm.getNewValue(99), 1e-6);
    }

    @Test
    void stepDecayMultipliesEveryFewEpochs() {
        Schedule step = schedule("schedule: step\nstep_every: 3\nstep_factor: 0.5");
        assertEquals(0.1f, step.getNewValue(29), 1e-6);
        assertEquals(0.05f, step.getNewValue(30), 1e-6);
        assertEquals(0.025f, step.getNewValue(60), 1e-6);
    }

    @Test
    void cosineFallsFromTheRateToAHundredthAfterWarmUp() {
        Schedule cosine = schedule("schedule: cosine\nwarmup: 1");
        assertEquals(0.1f, cosine.getNewValue(10), 1e-6);
        assertEquals((0.1 + 0.001) / 2, cosine.getNewValue(55), 1e-6);
        assertEquals(0.001f, cosine.getNewValue(100), 1e-6);
    }

    @Test
    void linearDecaysToZeroAtTheLastStepAfterWarmUp() {
        Schedule linear = schedule("schedule: linear\nwarmup: 2");
        assertEquals(0.1f, linear.getNewValue(20), 1e-6);
        assertEquals(0.05f, linear.getNewValue(60), 1e-6);
        assertEquals(0f, linear.getNewValue(100), 1e-6);
    }
}
