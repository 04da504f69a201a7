package ai.lepton.train.download;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;

/**
 * Downloads for code outside a notebook: a line when one begins, one every ten seconds while it runs, and one when it
 * ends — never a line per piece.
 */
final class ConsoleDownloadView implements DownloadView {

    static final Duration EVERY = Duration.ofSeconds(10);

    private final PrintStream out;
    private URI current;
    private Duration shownAt;

    ConsoleDownloadView(PrintStream out) {
        this.out = out;
    }

    @Override
    public void update(DownloadProgress progress) {
        boolean begins = !progress.url().equals(current);
        if (progress.state() != DownloadProgress.State.RUNNING) {
            out.println(progress.summary());
            current = null;
        } else if (begins || progress.elapsed().minus(shownAt).compareTo(EVERY) >= 0) {
            out.println(progress.summary());
            current = progress.url();
            shownAt = progress.elapsed();
        }
    }
}
