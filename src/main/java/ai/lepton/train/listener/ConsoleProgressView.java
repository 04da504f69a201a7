package ai.lepton.train.listener;

import java.io.PrintStream;

/** Progress for code outside a notebook: one line per finished epoch, and the final line. */
final class ConsoleProgressView implements ProgressView {

    private final PrintStream out;
    private int shownEpoch;

    ConsoleProgressView(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onProgress(TrainingProgress progress) {
        int finished = progress.finishedEpochs();
        if (finished > shownEpoch) {
            shownEpoch = finished;
            out.println(progress.summary());
        }
    }

    @Override
    public void onEnd(TrainingOutcome outcome, TrainingProgress last) {
        out.println(last.summary());
    }
}
