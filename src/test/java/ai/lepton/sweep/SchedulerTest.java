package ai.lepton.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.track.Metric;
import ai.lepton.track.Mode;
import org.junit.jupiter.api.Test;

import java.util.List;

class SchedulerTest {

    @Test
    void ashaRungsStandAtGraceTimesPowersOfEtaBelowTheBudget() {
        assertEquals(List.of(1, 3, 9), new AshaScheduler(1, 3, 27, Mode.MAX).rungs());
        assertEquals(List.of(2, 4, 8), new AshaScheduler(2, 2, 10, Mode.MAX).rungs());
        assertEquals(List.of(), new AshaScheduler(5, 3, 5, Mode.MAX).rungs());
    }

    @Test
    void ashaKeepsTheBestThirdAtEachRungAsTrialsArrive() {
        AshaScheduler asha = new AshaScheduler(1, 3, 9, Mode.MAX);
        assertTrue(asha.keepGoing(1, 1, 0.50), "the first trial at a rung has no one to lose to");
        assertFalse(asha.keepGoing(2, 1, 0.40), "below the best one of two");
        assertTrue(asha.keepGoing(3, 1, 0.60), "the new best");
        assertFalse(asha.keepGoing(4, 1, 0.55), "one of four goes on: only 0.60");
        assertFalse(asha.keepGoing(5, 1, 0.58), "five values keep one: 0.60");
        assertTrue(asha.keepGoing(6, 1, 0.59), "six values keep two: 0.60 and 0.59");
        assertTrue(asha.keepGoing(1, 2, 0.1), "between rungs every trial goes on");
        assertTrue(asha.keepGoing(3, 3, 0.70));
        assertFalse(asha.keepGoing(5, 3, 0.65));
    }

    @Test
    void ashaMinimizesLosses() {
        AshaScheduler asha = new AshaScheduler(1, 2, 8, Mode.MIN);
        assertTrue(asha.keepGoing(1, 1, 0.9));
        assertTrue(asha.keepGoing(2, 1, 0.5), "lower is better");
        assertFalse(asha.keepGoing(3, 1, 0.7), "half of three is one: only 0.5 goes on");
        assertTrue(asha.keepGoing(4, 1, 0.6), "half of four is two: 0.5 and 0.6");
    }

    @Test
    void medianStoppingStopsATrialBelowTheOthersMedianAtTheSameEpoch() {
        MedianStoppingScheduler median = new MedianStoppingScheduler(2, 2, Mode.MAX);
        for (int trial = 1; trial <= 3; trial++) {
            assertTrue(median.keepGoing(trial, 1, 0.5 + trial / 10.0));
            assertTrue(
                    median.keepGoing(trial, 2, 0.6 + trial / 10.0),
                    "trial " + trial + " has too few others ahead of it");
        }
        assertTrue(median.keepGoing(4, 1, 0.1), "before the grace period nothing stops");
        assertFalse(median.keepGoing(4, 2, 0.75), "best 0.75 is below the others' median 0.8 (0.7, 0.8, 0.9)");
        assertTrue(
                new MedianStoppingScheduler(1, 5, Mode.MAX).keepGoing(1, 3, 0.0),
                "fewer than min_trials others: goes on");
    }

    @Test
    void badSchedulerSettingsAreClearErrors() {
        assertTrue(assertThrows(SweepException.class, () -> new AshaScheduler(0, 3, 9, Mode.MAX))
                .getMessage()
                .contains("grace"));
        assertTrue(assertThrows(SweepException.class, () -> new AshaScheduler(1, 1, 9, Mode.MAX))
                .getMessage()
                .contains("eta must be 2"));
        assertTrue(
                assertThrows(SweepException.class, () -> SweepOptions.builder().optScheduler("hyperband"))
                        .getMessage()
                        .contains("it must be one of [asha, median, none]"));
    }

    @Test
    void theUsualDirectionComesFromTheMetricsName() {
        assertEquals(Mode.MIN, Metric.named("val_loss").mode());
        assertEquals(Mode.MIN, Metric.named("val_rmse").mode());
        assertEquals(Mode.MAX, Metric.named("val_accuracy").mode());
        assertEquals(Mode.MAX, Metric.named("val_f1").mode());
        assertFalse(Mode.MAX.better(Double.NaN, 0.1));
        assertTrue(Mode.MIN.better(0.1, Double.NaN));
    }
}
