package ai.lepton.magics.display;

import ai.lepton.Run;
import ai.lepton.Runs;
import ai.lepton.Sweep;
import ai.lepton.data.profile.Profile;
import ai.lepton.evaluate.Explanation;
import ai.lepton.kernel.notebook.DisplayRenderers;
import ai.lepton.plot.Figure;
import ai.lepton.plot.ImportancePlot;
import ai.lepton.plot.ModelHtml;
import ai.lepton.plot.ProfileHtml;
import ai.lepton.plot.SweepHtml;
import ai.lepton.plot.TableHtml;
import ai.lepton.plot.TableText;
import ai.lepton.promote.ModelVersion;
import ai.lepton.promote.Promoted;
import ai.lepton.runtime.LeptonModel;
import ai.lepton.train.device.DeviceReport;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.util.Base64;
import java.util.function.Function;

/**
 * How notebooks show the research stack's values: XChart charts and Lepton figures as PNG (SVG on request); Tablesaw
 * tables, runs (a run's metrics, a list of runs as a table), sweeps, profiles, explanations, device reports, registry
 * entries, promotions and loaded artifacts as HTML (a table's text form shows the cells its HTML does). A
 * {@link DisplayRenderers} service, so the kernel finds it on the classpath without knowing these types.
 */
public final class LeptonRenderers implements DisplayRenderers {

    @Override
    public void registerInto(Renderer renderer) {
        picture(renderer, Chart.class, Figure::of); // one way to draw: a chart is a figure of one panel
        picture(renderer, Figure.class, Function.identity());
        html(renderer, Explanation.class, LeptonRenderers::explanation);
        html(renderer, DeviceReport.class, report -> TableHtml.render(report.table()));
        html(renderer, ModelVersion.class, ModelHtml::version);
        html(renderer, Promoted.class, ModelHtml::promoted);
        html(renderer, LeptonModel.class, ModelHtml::artifact);
        html(renderer, Table.class, TableHtml::render, TableText::render);
        html(renderer, Run.class, run -> TableHtml.render(run.table()));
        html(renderer, Runs.class, runs -> TableHtml.render(runs.table()), runs -> TableText.render(runs.table()));
        html(renderer, Sweep.class, sweep -> SweepHtml.result(sweep.result()));
        html(
                renderer,
                Profile.class,
                ProfileHtml::render,
                profile -> profile.columns().toString());
    }

    private static String explanation(Explanation explanation) {
        return "<div class=\"lepton-explanation\"><p>" + TableHtml.escape(explanation.method())
                + "</p><img alt=\"permutation importance\" src=\""
                + ImportancePlot.of(explanation).pngDataUri() + "\">"
                + TableHtml.render(explanation.table()) + "</div>";
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
        html(renderer, type, html, String::valueOf);
    }

    private static <T> void html(Renderer renderer, Class<T> type, Function<T, String> html, Function<T, String> text) {
        renderer.createRegistration(type)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((value, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> html.apply(value));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text.apply(value));
                });
    }
}
