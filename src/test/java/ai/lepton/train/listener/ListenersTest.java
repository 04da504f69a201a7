package ai.lepton.train.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.train.TrainOptions;
import ai.lepton.train.listener.TrainingListener.Decision;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class ListenersTest {

    private static EpochEnd epoch(int epoch) {
        return new EpochEnd(
                epoch, 10, epoch * 5, Map.of("loss", 1.0 / epoch), new BestEpoch.State(epoch, 1.0 / epoch, 0));
    }

    /** Says {@code decision} and notes that it heard the epoch. */
    private static TrainingListener saying(Decision decision, List<String> heard, String name) {
        return new TrainingListener() {
            @Override
            public Decision onEpochEnd(EpochEnd end) {
                heard.add(name + end.epoch());
                return decision;
            }
        };
    }

    @Test
    void everyListenerHearsEveryEpochWhateverAnotherDecides() {
        List<String> heard = new ArrayList<>();
        Listeners listeners =
                new Listeners(List.of(saying(Decision.PRUNE, heard, "a"), saying(Decision.CONTINUE, heard, "b")));
        assertEquals(Decision.PRUNE, listeners.onEpochEnd(epoch(3)));
        assertEquals(List.of("a3", "b3"), heard);
    }

    @Test
    void earlyStoppingWinsOverPruningWhichWinsOverGoingOn() {
        List<String> heard = new ArrayList<>();
        assertEquals(
                Decision.STOP_EARLY,
                new Listeners(List.of(
                                saying(Decision.PRUNE, heard, "a"),
                                saying(Decision.STOP_EARLY, heard, "b"),
                                saying(Decision.PRUNE, heard, "c")))
                        .onEpochEnd(epoch(1)));
        assertEquals(
                Decision.CONTINUE, new Listeners(List.of(saying(Decision.CONTINUE, heard, "d"))).onEpochEnd(epoch(1)));
    }

    @Test
    void earlyStoppingStopsAfterPatienceEpochsWithoutABetterOne() {
        EarlyStopping stopping = new EarlyStopping(2);
        TrainOptions options = TrainOptions.parse("monitor: val_loss\nmin_delta: 0.1");
        BestEpoch best = new BestEpoch(options.monitor(), options.minDelta());
        double[] losses = {1.0, 0.5, 0.45, 0.44, 0.3};
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            BestEpoch.State state = best.record(i + 1, losses[i]);
            decisions.add(stopping.onEpochEnd(new EpochEnd(i + 1, 10, i, Map.of("val_loss", losses[i]), state)));
        }
        assertEquals(
                List.of(
                        Decision.CONTINUE,
                        Decision.CONTINUE,
                        Decision.CONTINUE,
                        Decision.STOP_EARLY,
                        Decision.CONTINUE),
                decisions,
                "0.45 and 0.44 improve by less than min_delta");
        assertEquals(Decision.CONTINUE, new EarlyStopping(0).onEpochEnd(epoch(9)), "patience 0 never stops");
    }
}
