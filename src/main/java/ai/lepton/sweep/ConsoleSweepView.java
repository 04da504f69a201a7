package ai.lepton.sweep;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** A sweep's progress as one line per ended trial, for code outside a notebook. */
public final class ConsoleSweepView implements SweepView {

    private final PrintStream out;
    private final Set<Integer> reported = new HashSet<>();

    public ConsoleSweepView(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void update(SweepProgress progress) {
        for (SweepProgress.Trial trial : progress.trials()) {
            boolean ended = !trial.status().equals("WAITING") && !trial.status().equals("RUNNING");
            if (ended && reported.add(trial.number())) {
                double last =
                        trial.curve().isEmpty() ? Double.NaN : trial.curve().getLast();
                out.printf(
                        Locale.ROOT,
                        "trial %d/%d %s after %d epoch(s): %s %.4f  %s%n",
                        trial.number(),
                        progress.trials().size(),
                        trial.status(),
                        trial.curve().size(),
                        progress.metric(),
                        last,
                        trial.params());
            }
        }
    }

    @Override
    public void close() {}
}
