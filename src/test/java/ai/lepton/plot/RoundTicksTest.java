package ai.lepton.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.stream.IntStream;

class RoundTicksTest {

    @Test
    void theAxisSpansRoundMultiplesAndLabelsNoNeedlessDigits() {
        XYChart lengths = new XYChart(300, 200);
        RoundTicks.x(lengths, 32.1, 59.6, false);
        assertEquals(30.0, lengths.getStyler().getXAxisMin());
        assertEquals(60.0, lengths.getStyler().getXAxisMax());
        assertEquals("45", RoundTicks.labels(32.1, 59.6, false).apply(45.0));

        assertEquals("14", RoundTicks.labels(13.1, 21.5, false).apply(14.0));
        assertEquals("0.04", RoundTicks.labels(0.013, 0.071, false).apply(0.04));
    }

    @Test
    void wholeNumbersGetNoFractionalTicksAndYearsNoThousandsSeparator() {
        assertEquals("2008", RoundTicks.labels(2007, 2009, true).apply(2008.0));
        assertEquals(" ", RoundTicks.labels(2007, 2009, true).apply(2007.5));
        assertEquals("20,000", RoundTicks.labels(0, 48_213, true).apply(20_000.0));
        assertEquals(1.0, RoundTicks.step(0.4, true));
        assertEquals(2.0, RoundTicks.step(1.375, false));
        assertEquals(0.5, RoundTicks.step(0.31, false));
        for (int epochs : new int[] {1, 3, 60, 300}) {
            XYChart curve = new XYChart(300, 200);
            double[] x = IntStream.rangeClosed(1, epochs).asDoubleStream().toArray();
            curve.addSeries("loss", x, x);
            RoundTicks.wholeSteps(curve, epochs);
            assertEquals(
                    epochs > RoundTicks.FEW_STEPS ? epochs + 0.5 : null,
                    curve.getStyler().getXAxisMax(),
                    "long axes leave XChart's path for equally spaced values");
            assertTrue(Figure.of(curve).png().length > 0);
        }
        Table years = Table.create("t", IntColumn.create("year", new int[] {2007, 2008, 2008, 2009, 2009, 2009}));
        assertTrue(ProfilePlots.of(years).png().length > 0, "a fractional tick of whole numbers draws no label");
    }
}
