package ai.lepton.cli;

import ai.lepton.base.LeptonException;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStore;
import ai.lepton.track.RunTable;

import java.util.List;

/** {@code ./lepton runs [--last N]}: the runs in the store ({@code LEPTON_STORE} or {@code LEPTON_HOME/runs.db}) as a text table. */
public final class RunsCommand {

    private RunsCommand() {}

    public static void main(String[] args) {
        try {
            int last = last(args);
            try (RunStore store = RunStore.openDefault()) {
                List<RunRecord> runs = store.runs().stream().limit(last).toList();
                if (runs.isEmpty()) {
                    System.out.println("No runs in " + store.url()
                            + " yet: train one with %%lepton train in a notebook, or Training.train(...) in code.");
                    return;
                }
                System.out.println(RunTable.of(runs, store.latestMetrics()).printAll());
            }
        } catch (LeptonException e) {
            System.err.println("lepton: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int last(String[] args) {
        if (args.length == 0) {
            return Integer.MAX_VALUE;
        }
        if (args.length == 2 && args[0].equals("--last")) {
            try {
                return Integer.parseInt(args[1]);
            } catch (NumberFormatException e) {
                throw new LeptonException("--last takes a whole number of runs, not '" + args[1] + "'.");
            }
        }
        throw new LeptonException("usage: ./lepton runs [--last N]");
    }
}
