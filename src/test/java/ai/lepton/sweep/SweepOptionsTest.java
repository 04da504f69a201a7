package ai.lepton.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.options.BuilderMethods;
import ai.lepton.track.Metric;
import ai.lepton.track.Mode;
import ai.lepton.train.TrainOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class SweepOptionsTest {

    @Test
    void everySweepOptionHasATypedBuilderMethodThatSetsIt() {
        assertEquals(List.of(), BuilderMethods.missing(SweepOptions.OPTIONS, SweepOptions::builder, Map.of()));
    }

    @Test
    void aSweepRanksEveryMetricTrainingMonitorsInTheDirectionTrainingFollowsIt() {
        for (Metric metric : Metric.validation()) {
            Mode training = TrainOptions.parse("monitor: " + metric).monitor().mode();
            assertEquals(training, metric.mode(), metric + " as declared");
            assertEquals(
                    training,
                    SweepOptions.defaults().ranking(metric).mode(),
                    metric + " as the space's monitor ranks trials");
            assertEquals(
                    training,
                    SweepOptions.builder()
                            .set("metric", metric.name())
                            .build()
                            .ranking(Metric.VAL_LOSS)
                            .mode(),
                    "--metric " + metric);
        }
        assertEquals(
                Mode.MIN,
                SweepOptions.builder()
                        .optMetric("val_accuracy", Mode.MIN)
                        .build()
                        .ranking(Metric.VAL_LOSS)
                        .mode(),
                "an explicit mode wins");
    }

    @Test
    void theMetricsASweepOffersAreTheOnesTrainingMonitors() {
        assertEquals(TrainOptions.MONITOR.choices(), SweepOptions.METRIC.choices());
    }

    @Test
    void aSchedulerObjectIsRecordedAsOneOfItsOwnAndReadBackOnlyWithIt() {
        Scheduler mine = new Scheduler() {
            @Override
            public boolean keepGoing(int trial, int epoch, double value) {
                return true;
            }

            @Override
            public String describe() {
                return "mine";
            }
        };
        SweepOptions options = SweepOptions.builder().optScheduler(mine).build();
        Map<String, String> params = options.asParams(Metric.VAL_LOSS);
        assertEquals("own", params.get("scheduler"));
        assertTrue(SweepOptions.ranByOwnScheduler(params));
        Scheduler.Context context = new Scheduler.Context(9, Mode.MIN, RungResults.inMemory());
        assertEquals(
                "mine",
                SweepOptions.fromParams(params, sweep -> mine)
                        .newScheduler(context)
                        .describe());
        assertEquals(
                "asha (eta 3, grace 1, rungs at [1, 3])",
                options.toBuilder()
                        .optScheduler("asha")
                        .build()
                        .newScheduler(context)
                        .describe(),
                "naming a scheduler puts the object aside");
    }

    @Test
    void aSchedulerObjectCannotRideASlurmArray() {
        SweepException error = assertThrows(
                SweepException.class,
                () -> SweepOptions.builder()
                        .optScheduler(sweep -> Scheduler.fifo())
                        .optSlurm("")
                        .build());
        assertTrue(error.getMessage().contains("run the sweep with executor local"), error.getMessage());
    }
}
