package ai.lepton.kernel.notebook;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import ai.lepton.data.Profile;
import ai.lepton.plot.ProfileHtml;
import ai.lepton.plot.TableHtml;
import tech.tablesaw.api.Table;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The session's renderers: images and XChart charts as PNG (SVG on request), Tablesaw tables and profiles as HTML. */
public final class Renderers {

    private Renderers() {
    }

    /** A renderer with Lepton's registrations on top of jjava's defaults. */
    public static Renderer standard() {
        Renderer renderer = new Renderer();
        Image.registerAll(renderer);
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_SVG)
                .register((chart, context) -> {
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> chartPng(chart));
                    context.renderIfRequested(MIMEType.IMAGE_SVG, () -> chartSvg(chart));
                });
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.render(table));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> table.toString());
                });
        renderer.createRegistration(Profile.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((profile, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> ProfileHtml.render(profile));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> profile.columns().toString());
                });
        return renderer;
    }

    static String chartPng(Chart<?, ?> chart) {
        try {
            return Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("could not draw the chart as PNG", e);
        }
    }

    static String chartSvg(Chart<?, ?> chart) {
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not draw the chart as SVG", e);
        }
        return svg.toString(StandardCharsets.UTF_8);
    }
}
