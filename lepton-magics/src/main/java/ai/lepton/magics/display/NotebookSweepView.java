package ai.lepton.magics.display;

import ai.lepton.kernel.notebook.LiveDisplay;
import ai.lepton.kernel.notebook.Notebook;
import ai.lepton.plot.SweepHtml;
import ai.lepton.plot.SweepPlots;
import ai.lepton.sweep.SweepProgress;
import ai.lepton.sweep.SweepView;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A sweep's progress as ONE notebook output updated in place: the trials table at most four times a second,
 * the trials' curves redrawn when an epoch ends (at most every two seconds) and when a trial ends.
 */
public final class NotebookSweepView implements SweepView {

    private static final long TABLE_NANOS = 250_000_000L;
    private static final long CURVES_NANOS = 2_000_000_000L;

    private final LiveDisplay display = new LiveDisplay();
    private long lastTable;
    private long lastCurves;
    private int drawnEpochs = -1;
    private long drawnEnded = -1;
    private String curves;

    @Override
    public synchronized void update(SweepProgress progress) {
        long now = System.nanoTime();
        int epochs = progress.trials().stream()
                .mapToInt(trial -> trial.curve().size())
                .sum();
        boolean trialEnded = progress.ended() != drawnEnded;
        boolean sweepEnded = !progress.status().equals("running");
        if (display.shown() && !trialEnded && !sweepEnded && now - lastTable < TABLE_NANOS) {
            return;
        }
        if (trialEnded || sweepEnded || epochs != drawnEpochs && now - lastCurves >= CURVES_NANOS) {
            curves = SweepPlots.curves(progress).pngDataUri();
            drawnEpochs = epochs;
            drawnEnded = progress.ended();
            lastCurves = now;
        }
        lastTable = now;
        DisplayData data = new DisplayData(progress.summary());
        data.putHTML(SweepHtml.progress(progress, curves));
        display.show(data);
    }

    /** The last update showed the final state. */
    @Override
    public void close() {}

    /** Registered as a service: a notebook view whenever the code runs in a Lepton kernel session. */
    public static final class Factory implements SweepView.Factory {
        @Override
        public SweepView create(String sweepName) {
            return !Notebook.attached() ? null : new NotebookSweepView();
        }
    }
}
