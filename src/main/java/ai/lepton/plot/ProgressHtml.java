package ai.lepton.plot;

import ai.lepton.train.download.DownloadProgress;
import ai.lepton.train.listener.TrainingProgress;

import java.util.Locale;

/**
 * Long work's live views as HTML: a progress bar and the summary line; a training run's also its learning curves (when
 * given).
 */
public final class ProgressHtml {

    private ProgressHtml() {}

    /** {@code curves}: a PNG data URI from {@link MetricCurves}, or null to show none. */
    public static String render(TrainingProgress progress, String curves) {
        double done = progress.stepsPerEpoch() == 0
                ? 0
                : Math.min(1, (double) progress.step() / ((long) progress.stepsPerEpoch() * progress.epochs()));
        StringBuilder html = bar("lepton-training", done, progress.summary());
        if (curves != null) {
            html.append("<br><img alt=\"learning curves of ")
                    .append(TableHtml.escape(progress.runName()))
                    .append("\" src=\"")
                    .append(curves)
                    .append("\">");
        }
        return html.append("</div>").toString();
    }

    /** A download: the bar runs to and fro while the server has not said how long the body is. */
    public static String render(DownloadProgress progress) {
        double done = progress.state() == DownloadProgress.State.DONE
                ? 1
                : progress.length() < 0 && progress.state() == DownloadProgress.State.RUNNING
                        ? -1
                        : progress.fraction();
        return bar("lepton-download", done, progress.summary()).append("</div>").toString();
    }

    /** An open {@code div} of class {@code kind} with the bar ({@code done} from 0 to 1; below 0: unknown) and line. */
    private static StringBuilder bar(String kind, double done, String summary) {
        return new StringBuilder("<div class=\"")
                .append(kind)
                .append("\"><progress max=\"1\"")
                .append(done < 0 ? "" : String.format(Locale.ROOT, " value=\"%.4f\"", done))
                .append(" style=\"width:420px\"></progress> ")
                .append("<code>")
                .append(TableHtml.escape(summary))
                .append("</code>");
    }
}
