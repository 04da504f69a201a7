package ai.lepton.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.sweep.SweepProgress;
import ai.lepton.sweep.SweepResult;
import ai.lepton.sweep.TrialResult;
import ai.lepton.track.Mode;
import ai.lepton.track.RunStatus;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

class SweepPlotsTest {

    private static final SweepResult RESULT = new SweepResult(
            "s1",
            "demo",
            "val_accuracy",
            Mode.MAX,
            RunStatus.FINISHED,
            List.of(
                    trial(1, 1e-4, List.of(64), RunStatus.PRUNED, List.of(0.3)),
                    trial(2, 1e-2, List.of(128, 64), RunStatus.FINISHED, List.of(0.5, 0.8, 0.9)),
                    trial(3, 1e-3, List.of(64), RunStatus.FINISHED, List.of(0.4, 0.6, 0.7))));

    private static TrialResult trial(
            int number, double lr, List<Integer> hidden, RunStatus status, List<Double> curve) {
        return new TrialResult(
                number,
                "r" + number,
                Map.of("lr", lr, "hidden", hidden, "epochs", 3),
                status,
                curve,
                curve.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                1.0,
                null);
    }

    private static BufferedImage decode(String uri) throws IOException {
        assertTrue(uri.startsWith("data:image/png;base64,"), uri.substring(0, 30));
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1))));
    }

    @Test
    void drawsOnePanelPerVariedHyperparameterAndTheParallelCoordinates() throws IOException {
        assertEquals(
                List.of("lr", "hidden"),
                RESULT.variedParams().stream().sorted(Comparator.reverseOrder()).toList());
        assertEquals(
                600,
                decode(SweepPlots.parameters(RESULT).pngDataUri()).getWidth(),
                "two varied hyperparameters, a 300-pixel panel each");
        assertEquals(
                600, decode(SweepPlots.parallelCoordinates(RESULT).pngDataUri()).getWidth());
    }

    @Test
    void aTrialPrunedAtItsFirstRungIsAPointAndNoChartShowsAnEmptyLegend() {
        XYChart curves = (XYChart) SweepPlots.curves(RESULT).charts().getFirst();
        assertEquals(SeriesMarkers.CIRCLE, curves.getSeriesMap().get("trial 1").getMarker(), "one point, drawn");
        assertEquals(SeriesMarkers.NONE, curves.getSeriesMap().get("trial 2").getMarker());
        assertFalse(curves.getStyler().isLegendVisible());
        XYChart parallel =
                (XYChart) SweepPlots.parallelCoordinates(RESULT).charts().getFirst();
        assertFalse(parallel.getStyler().isLegendVisible());
    }

    @Test
    void aLearningRateSpanningADecadeIsDrawnOnALogAxis() {
        assertTrue(SweepPlots.spansDecades(new double[] {1e-3, 3e-3, 2e-2}));
        assertFalse(SweepPlots.spansDecades(new double[] {0.1, 0.5}), "less than a decade stays linear");
        assertFalse(SweepPlots.spansDecades(new double[] {-1, 10}));
        XYChart lr = (XYChart) SweepPlots.parameters(RESULT).charts().stream()
                .filter(chart -> chart.getTitle().equals("lr"))
                .findFirst()
                .orElseThrow();
        assertTrue(lr.getStyler().isXAxisLogarithmic());
    }

    @Test
    void theLiveCurvesDrawBeforeAnyEpochEndedAndAfter() throws IOException {
        SweepProgress waiting = new SweepProgress(
                "demo",
                "s1",
                "val_accuracy",
                Mode.MAX,
                "running",
                List.of(new SweepProgress.Trial(1, Map.of("lr", 0.1), "RUNNING", 1, 3, List.of())));
        assertEquals(600, decode(SweepPlots.curves(waiting).pngDataUri()).getWidth());
        SweepProgress later = new SweepProgress(
                "demo",
                "s1",
                "val_accuracy",
                Mode.MAX,
                "running",
                List.of(
                        new SweepProgress.Trial(1, Map.of("lr", 0.1), "PRUNED", 1, 3, List.of(0.2)),
                        new SweepProgress.Trial(2, Map.of("lr", 0.01), "RUNNING", 2, 3, List.of(0.4, 0.6))));
        assertTrue(decode(SweepPlots.curves(later).pngDataUri()).getHeight() > 0);
        assertEquals("sweep demo: 1/2 trials ended (1 running, 1 pruned), best val_accuracy 0.6000", later.summary());
        String html = SweepHtml.progress(later, null);
        assertTrue(html.contains("<td>2</td><td>RUNNING</td><td>2/3</td><td>0.6000</td>"), html);
    }
}
