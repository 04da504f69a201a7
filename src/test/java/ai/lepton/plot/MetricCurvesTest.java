package ai.lepton.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.track.MetricPoint;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.util.List;

class MetricCurvesTest {

    private static List<MetricPoint> recorded(double offset) {
        return List.of(
                new MetricPoint("step_loss", 1, 1, 1.0 + offset, 0),
                new MetricPoint("step_loss", 2, 1, 0.8 + offset, 0),
                new MetricPoint("loss", 2, 1, 0.9 + offset, 0),
                new MetricPoint("val_loss", 2, 1, 0.95 + offset, 0),
                new MetricPoint("val_accuracy", 2, 1, 0.6 - offset, 0),
                new MetricPoint("step_loss", 3, 2, 0.6 + offset, 0),
                new MetricPoint("loss", 4, 2, 0.7 + offset, 0),
                new MetricPoint("val_loss", 4, 2, Double.POSITIVE_INFINITY, 0),
                new MetricPoint("val_accuracy", 4, 2, 0.7 - offset, 0));
    }

    private static List<String> titles(Figure figure) {
        return figure.charts().stream().map(chart -> chart.getTitle()).toList();
    }

    @Test
    void oneRunGetsTheStepLossThenAPanelPerMetricFamily() {
        Figure figure = MetricCurves.of(List.of(MetricCurves.Curves.of("mlp", recorded(0))));
        assertEquals(List.of("training loss by step", "loss by epoch", "accuracy by epoch"), titles(figure));
        XYChart loss = (XYChart) figure.charts().get(1);
        assertEquals(
                List.of("loss", "val_loss"),
                List.copyOf(loss.getSeriesMap().keySet()),
                "training and validation share a panel");
        assertTrue(
                Double.isNaN(loss.getSeriesMap().get("val_loss").getYData()[1]),
                "an infinite loss is left out as a gap");
        assertEquals(900, figure.width(), "three panels side by side");
    }

    @Test
    void namedMetricsGetAPanelEachWithOneSeriesPerRun() {
        Figure figure = MetricCurves.of(
                List.of(MetricCurves.Curves.of("a", recorded(0)), MetricCurves.Curves.of("b", recorded(0.1))),
                List.of("val_accuracy", "step_loss"));
        assertEquals(List.of("val_accuracy by epoch", "training loss by step"), titles(figure));
        assertEquals(
                List.of("a val_accuracy", "b val_accuracy"),
                List.copyOf(
                        ((XYChart) figure.charts().getFirst()).getSeriesMap().keySet()));
    }

    @Test
    void anUnknownMetricIsRefusedNamingTheNearestAndTheRecordedOnes() {
        PlotException error = assertThrows(
                PlotException.class,
                () -> MetricCurves.of(List.of(MetricCurves.Curves.of("a", recorded(0))), List.of("val_acuracy")));
        assertTrue(error.getMessage().contains("'val_acuracy'"), error.getMessage());
        assertTrue(error.getMessage().contains("val_accuracy?"), error.getMessage());
        assertTrue(
                error.getMessage().contains("Recorded: loss, val_loss, val_accuracy, step_loss"), error.getMessage());
    }

    @Test
    void aRunWithNoMetricsYetStillDraws() {
        Figure figure = MetricCurves.of(List.of(MetricCurves.Curves.of("new", List.of())));
        assertEquals(1, figure.charts().size());
        assertTrue(figure.png().length > 0);
    }
}
