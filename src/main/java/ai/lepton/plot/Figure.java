package ai.lepton.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One picture made of XChart charts placed side by side, on a grid or stacked, in the house style. A
 * notebook shows it as PNG; {@link #svg()} gives the same picture as SVG. Drawing needs no display.
 */
public final class Figure {

    /** A chart and the rectangle it is painted in. */
    private record Placed(Chart<?, ?> chart, int x, int y, int width, int height) {}

    private final List<Placed> placed;
    private final int width;
    private final int height;

    private Figure(List<Placed> placed) {
        if (placed.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one chart");
        }
        this.placed = List.copyOf(placed);
        this.width = placed.stream().mapToInt(p -> p.x() + p.width()).max().orElseThrow();
        this.height = placed.stream().mapToInt(p -> p.y() + p.height()).max().orElseThrow();
    }

    /** The charts side by side, each at the size it was built with. */
    public static Figure row(List<? extends Chart<?, ?>> charts) {
        List<Placed> placed = new ArrayList<>();
        int x = 0;
        for (Chart<?, ?> chart : charts) {
            placed.add(new Placed(chart, x, 0, chart.getWidth(), chart.getHeight()));
            x += chart.getWidth();
        }
        return new Figure(placed);
    }

    /** The charts side by side. */
    public static Figure of(Chart<?, ?>... charts) {
        return row(List.of(charts));
    }

    /** The charts on a grid of {@code columns} columns, row by row, each panel the size of the first chart. */
    public static Figure grid(List<? extends Chart<?, ?>> charts, int columns) {
        int panelWidth = charts.getFirst().getWidth();
        int panelHeight = charts.getFirst().getHeight();
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < charts.size(); i++) {
            placed.add(new Placed(
                    charts.get(i), (i % columns) * panelWidth, (i / columns) * panelHeight, panelWidth, panelHeight));
        }
        return new Figure(placed);
    }

    /** Figures one below the other. */
    public static Figure stack(Figure... figures) {
        List<Placed> placed = new ArrayList<>();
        int y = 0;
        for (Figure figure : figures) {
            for (Placed p : figure.placed) {
                placed.add(new Placed(p.chart(), p.x(), y + p.y(), p.width(), p.height()));
            }
            y += figure.height;
        }
        return new Figure(placed);
    }

    public List<Chart<?, ?>> charts() {
        return placed.stream().<Chart<?, ?>>map(Placed::chart).toList();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The figure as PNG bytes. */
    public byte[] png() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        paint(graphics);
        graphics.dispose();
        return PngDataUri.encode(image);
    }

    /** The figure as a {@code data:image/png;base64,...} URI, for HTML that carries its pictures inside. */
    public String pngDataUri() {
        return PngDataUri.of(png());
    }

    /** The figure as an SVG document: vector shapes and text, for papers and zooming. */
    public String svg() {
        VectorGraphics2D graphics = new VectorGraphics2D();
        paint(graphics);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        try {
            new SVGProcessor()
                    .getDocument(graphics.getCommands(), new PageSize(0, 0, width, height))
                    .writeTo(svg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the figure as SVG", e);
        }
        return svg.toString(StandardCharsets.UTF_8);
    }

    private void paint(Graphics2D graphics) {
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, height);
        for (Placed p : placed) {
            Graphics2D panel = (Graphics2D) graphics.create(p.x(), p.y(), p.width(), p.height());
            p.chart().paint(panel, p.width(), p.height());
            panel.dispose();
        }
    }

    @Override
    public String toString() {
        return "figure (" + width + "×" + height + "): "
                + placed.stream().map(p -> p.chart().getTitle()).collect(Collectors.joining(", "));
    }
}
