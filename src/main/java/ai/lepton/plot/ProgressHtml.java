package ai.lepton.plot;

import ai.lepton.train.TrainingProgress;

import java.util.Locale;

/** A training run's live view as HTML: a progress bar, the summary line, and (when given) the learning curves. */
public final class ProgressHtml {

    private ProgressHtml() {}

    /** {@code curves}: a PNG data URI from {@link MetricCurves}, or null to show none. */
    public static String render(TrainingProgress progress, String curves) {
        double done = progress.stepsPerEpoch() == 0
                ? 0
                : Math.min(1, (double) progress.step() / ((long) progress.stepsPerEpoch() * progress.epochs()));
        StringBuilder html = new StringBuilder("<div class=\"lepton-training\">")
                .append("<progress max=\"1\" value=\"")
                .append(String.format(Locale.ROOT, "%.4f", done))
                .append("\" style=\"width:420px\"></progress> ")
                .append("<code>")
                .append(TableHtml.escape(progress.summary()))
                .append("</code>");
        if (curves != null) {
            html.append("<br><img alt=\"learning curves of ")
                    .append(TableHtml.escape(progress.runName()))
                    .append("\" src=\"")
                    .append(curves)
                    .append("\">");
        }
        return html.append("</div>").toString();
    }
}
