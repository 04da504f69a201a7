package ai.lepton.train;

import java.io.PrintStream;

/** Progress for code outside a notebook: one line per finished epoch, and the final line. */
final class ConsoleProgressView implements ProgressView {

    private final PrintStream out;
    private TrainingProgress latest;
    private int shownEpoch;

    ConsoleProgressView(PrintStream out) {
        this.out = out;
    }

    @Override
    public void update(TrainingProgress progress) {
        latest = progress;
        int finished = progress.finishedEpochs();
        if (finished > shownEpoch) {
            shownEpoch = finished;
            out.println(progress.summary());
        }
    }

    @Override
    public void close() {
        if (latest != null && !latest.status().equals("training")) {
            out.println(latest.summary());
        }
    }
}
