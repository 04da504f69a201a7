package ai.lepton.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.stream.IntStream;

class ProfilePlotsTest {

    @Test
    void numbersGetHistogramsCategoriesGetFrequenciesAndIdentifiersAreSkipped() {
        int rows = 60;
        Table table = Table.create(
                "demo",
                DoubleColumn.create(
                        "mass",
                        IntStream.range(0, rows)
                                .mapToDouble(i -> i % 7 == 0 ? Double.NaN : i * 1.5)
                                .toArray()),
                StringColumn.create(
                        "island",
                        IntStream.range(0, rows)
                                .mapToObj(i -> i % 3 == 0 ? "Biscoe" : "Dream")
                                .toList()),
                StringColumn.create(
                        "id", IntStream.range(0, rows).mapToObj(i -> "row-" + i).toList()));
        Figure figure = ProfilePlots.of(table);
        assertEquals(
                List.of("mass (9 missing)", "island"),
                figure.charts().stream().map(chart -> chart.getTitle()).toList());
        assertTrue(figure.png().length > 0);
    }

    @Test
    void aTableWithNothingToDrawSaysSo() {
        Table ids = Table.create(
                "ids",
                StringColumn.create(
                        "id", IntStream.range(0, 40).mapToObj(i -> "user-" + i).toList()));
        PlotException error = assertThrows(PlotException.class, () -> ProfilePlots.of(ids));
        assertTrue(error.getMessage().contains("no column to draw"), error.getMessage());
    }
}
