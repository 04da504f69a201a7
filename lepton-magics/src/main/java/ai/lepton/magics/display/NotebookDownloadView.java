package ai.lepton.magics.display;

import ai.lepton.kernel.notebook.LiveDisplay;
import ai.lepton.kernel.notebook.Notebook;
import ai.lepton.plot.ProgressHtml;
import ai.lepton.train.download.DownloadProgress;
import ai.lepton.train.download.DownloadView;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** Downloads as ONE notebook output, updated in place at most four times a second and once more when each ends. */
public final class NotebookDownloadView implements DownloadView {

    private static final long LINE_NANOS = 250_000_000L;

    private final LiveDisplay display = new LiveDisplay();
    private long lastLine;

    @Override
    public synchronized void update(DownloadProgress progress) {
        long now = System.nanoTime();
        boolean running = progress.state() == DownloadProgress.State.RUNNING;
        if (display.shown() && running && now - lastLine < LINE_NANOS) {
            return;
        }
        lastLine = now;
        DisplayData data = new DisplayData(progress.summary());
        data.putHTML(ProgressHtml.render(progress));
        display.show(data);
    }

    /** Registered as a service: a notebook view whenever the code runs in a Lepton kernel session. */
    public static final class Factory implements DownloadView.Factory {
        @Override
        public DownloadView create() {
            return !Notebook.attached() ? null : new NotebookDownloadView();
        }
    }
}
