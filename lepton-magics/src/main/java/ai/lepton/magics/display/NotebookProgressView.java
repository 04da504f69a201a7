package ai.lepton.magics.display;

import ai.lepton.kernel.notebook.LiveDisplay;
import ai.lepton.kernel.notebook.Notebook;
import ai.lepton.plot.MetricCurves;
import ai.lepton.plot.ProgressHtml;
import ai.lepton.train.listener.ProgressView;
import ai.lepton.train.listener.TrainingOutcome;
import ai.lepton.train.listener.TrainingProgress;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.List;

/**
 * A training run's progress as ONE notebook output, updated in place (update_display_data): the line at
 * most four times a second, the learning curves (a picture to draw) at the end of each epoch and every
 * few seconds, so drawing never slows training down much.
 */
public final class NotebookProgressView implements ProgressView {

    private static final long LINE_NANOS = 250_000_000L;
    private static final long CURVES_NANOS = 3_000_000_000L;

    private final LiveDisplay display = new LiveDisplay();
    private long lastLine;
    private long lastCurves;
    private int curvesEpochs = -1;
    private String curves;

    @Override
    public synchronized void onProgress(TrainingProgress progress) {
        long now = System.nanoTime();
        int epochs = progress.finishedEpochs();
        boolean newEpoch = epochs != curvesEpochs;
        boolean ended = !progress.status().equals("training");
        if (display.shown() && !newEpoch && !ended && now - lastLine < LINE_NANOS) {
            return;
        }
        // after an interrupt the kernel allows the cell a moment to end: the line changes, the picture stays
        boolean interrupted = progress.status().equals("interrupted");
        if (!interrupted && (newEpoch || ended || now - lastCurves >= CURVES_NANOS)) {
            curves = progress.stepLosses().isEmpty()
                    ? null
                    : MetricCurves.of(List.of(MetricCurves.Curves.of(progress))).pngDataUri();
            curvesEpochs = epochs;
            lastCurves = now;
        }
        lastLine = now;
        show(progress);
    }

    private void show(TrainingProgress progress) {
        DisplayData data = new DisplayData(progress.summary());
        data.putHTML(ProgressHtml.render(progress, curves));
        display.show(data);
    }

    /** The final state: the line says how the run ended, the curves are drawn one last time (but for an interrupt). */
    @Override
    public void onEnd(TrainingOutcome outcome, TrainingProgress last) {
        onProgress(last);
    }

    /** Registered as a service: a notebook view whenever the code runs in a Lepton kernel session. */
    public static final class Factory implements ProgressView.Factory {
        @Override
        public ProgressView create(String runName) {
            return !Notebook.attached() ? null : new NotebookProgressView();
        }
    }
}
