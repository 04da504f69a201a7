package ai.lepton.plot;

import ai.lepton.sweep.SweepProgress;
import ai.lepton.sweep.SweepResult;

import java.util.Locale;

/** A sweep as HTML: the live view (progress, trial table, curves) and the final results (table and plots). */
public final class SweepHtml {

    private SweepHtml() {}

    /** The live view; {@code curves} is a PNG data URI from {@link SweepPlots#curves}, or null to show none. */
    public static String progress(SweepProgress progress, String curves) {
        StringBuilder html = new StringBuilder("<div class=\"lepton-sweep\">")
                .append("<progress max=\"")
                .append(progress.trials().size())
                .append("\" value=\"")
                .append(progress.ended())
                .append("\" style=\"width:420px\"></progress> <code>")
                .append(TableHtml.escape(progress.summary()))
                .append("</code>")
                .append("<table><thead><tr><th>trial</th><th>status</th><th>epoch</th><th>")
                .append(TableHtml.escape(progress.metric()))
                .append("</th><th>parameters</th></tr></thead><tbody>");
        for (SweepProgress.Trial trial : progress.trials()) {
            if (trial.status().equals("WAITING")) {
                continue;
            }
            String last = trial.curve().isEmpty()
                    ? ""
                    : String.format(Locale.ROOT, "%.4f", trial.curve().getLast());
            html.append("<tr><td>")
                    .append(trial.number())
                    .append("</td><td>")
                    .append(trial.status())
                    .append("</td><td>")
                    .append(trial.epoch())
                    .append('/')
                    .append(trial.epochs())
                    .append("</td><td>")
                    .append(last)
                    .append("</td><td><code>")
                    .append(TableHtml.escape(trial.params().toString()))
                    .append("</code></td></tr>");
        }
        html.append("</tbody></table>");
        if (curves != null) {
            html.append("<img alt=\"learning curves of the trials of ")
                    .append(TableHtml.escape(progress.sweepName()))
                    .append("\" src=\"")
                    .append(curves)
                    .append("\">");
        }
        return html.append("</div>").toString();
    }

    /** The results: a summary line, the trials table, and the parameter and parallel-coordinate plots. */
    public static String result(SweepResult result) {
        return "<div class=\"lepton-sweep-result\"><p><code>" + TableHtml.escape(result.toString()) + "</code></p>"
                + TableHtml.render(result.table())
                + "<img alt=\"" + TableHtml.escape(result.metric()) + " against each hyperparameter\" src=\""
                + SweepPlots.parameters(result).pngDataUri() + "\">"
                + "<br><img alt=\"parallel coordinates of the trials\" src=\""
                + SweepPlots.parallelCoordinates(result).pngDataUri() + "\"></div>";
    }
}
