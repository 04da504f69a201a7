package ai.lepton.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

class FigureTest {

    private static XYChart chart(String title, int width, int height) {
        XYChart chart = HouseStyle.xy(title, "x", "y", width, height);
        chart.addSeries(title + " series", new double[] {0, 1, 2}, new double[] {1, 3, 2});
        return chart;
    }

    static BufferedImage image(Figure figure) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(figure.png()));
    }

    @Test
    void aGridPlacesPanelsRowByRowAndThePngHasItsSize() throws IOException {
        Figure grid = Figure.grid(
                List.of(chart("a", 200, 100), chart("b", 200, 100), chart("c", 200, 100), chart("d", 200, 100)), 3);
        assertEquals(600, grid.width());
        assertEquals(200, grid.height(), "four panels on three columns make two rows");
        BufferedImage png = image(grid);
        assertEquals(600, png.getWidth());
        assertEquals(200, png.getHeight());
        assertEquals(0xFFFFFF, png.getRGB(599, 199) & 0xFFFFFF, "the empty cell of the grid stays white");
    }

    @Test
    void rowsKeepEachChartsWidthAndStacksAddHeights() {
        Figure row = Figure.row(List.of(chart("wide", 400, 100), chart("narrow", 150, 120)));
        assertEquals(550, row.width());
        assertEquals(120, row.height());
        Figure stack = Figure.stack(row, Figure.of(chart("below", 300, 80)));
        assertEquals(550, stack.width());
        assertEquals(200, stack.height());
        assertEquals(
                List.of("wide", "narrow", "below"),
                stack.charts().stream().map(c -> c.getTitle()).toList());
    }

    @Test
    void svgIsAVectorDocumentOfTheFigureSize() {
        String svg = Figure.stack(Figure.of(chart("top", 320, 200)), Figure.of(chart("bottom", 320, 100)))
                .svg();
        assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
        assertTrue(svg.contains("viewBox=\"0 0 320 300\""), "the document has the whole figure's size");
        assertTrue(svg.contains("<path"), "lines and glyphs are vector paths");
        assertTrue(!svg.contains("<image"), "nothing is embedded as a raster");
    }
}
