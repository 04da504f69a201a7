package ai.lepton.kernel.notebook;

import ai.lepton.data.Profile;
import ai.lepton.plot.Figure;
import ai.lepton.plot.ImportancePlot;
import ai.lepton.plot.ModelHtml;
import ai.lepton.plot.ProfileHtml;
import ai.lepton.plot.TableHtml;
import ai.lepton.promote.Explanation;
import ai.lepton.promote.ModelVersion;
import ai.lepton.promote.Promoted;
import ai.lepton.runtime.LeptonModel;
import ai.lepton.train.DeviceReport;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.util.Base64;
import java.util.function.Function;

/**
 * The session's renderers: images, XChart charts and Lepton figures as PNG (SVG on request); Tablesaw tables,
 * profiles, explanations, device reports, registry entries, promotions and loaded artifacts as HTML.
 */
public final class Renderers {

    private Renderers() {}

    /** A renderer with Lepton's registrations on top of jjava's defaults. */
    public static Renderer standard() {
        Renderer renderer = new Renderer();
        Image.registerAll(renderer);
        picture(renderer, Chart.class, Figure::of); // one way to draw: a chart is a figure of one panel
        picture(renderer, Figure.class, Function.identity());
        html(
                renderer,
                Explanation.class,
                explanation -> "<div class=\"lepton-explanation\"><p>" + TableHtml.escape(explanation.method())
                        + "</p><img alt=\"permutation importance\" src=\""
                        + ImportancePlot.of(explanation).pngDataUri() + "\">" + TableHtml.render(explanation.table())
                        + "</div>");
        html(renderer, DeviceReport.class, report -> TableHtml.render(report.table()));
        html(renderer, ModelVersion.class, ModelHtml::version);
        html(renderer, Promoted.class, ModelHtml::promoted);
        html(renderer, LeptonModel.class, ModelHtml::artifact);
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
                    context.renderIfRequested(
                            MIMEType.TEXT_PLAIN, () -> profile.columns().toString());
                });
        return renderer;
    }

    /** Shows {@code type} as the figure {@code draw} makes of it: PNG, SVG on request, and its {@code toString()} as text. */
    private static <T> void picture(Renderer renderer, Class<T> type, Function<T, Figure> draw) {
        renderer.createRegistration(type)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_SVG, MIMEType.TEXT_PLAIN)
                .register((value, context) -> {
                    Figure figure = draw.apply(value);
                    context.renderIfRequested(
                            MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(figure.png()));
                    context.renderIfRequested(MIMEType.IMAGE_SVG, figure::svg);
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, value::toString);
                });
    }

    /** Shows {@code type} as HTML, with its {@code toString()} as the plain-text fallback. */
    private static <T> void html(Renderer renderer, Class<T> type, Function<T, String> html) {
        renderer.createRegistration(type)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((value, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> html.apply(value));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, value::toString);
                });
    }
}
