package ai.lepton.cli;

import ai.lepton.base.LeptonException;
import ai.lepton.track.RunRecord;
import ai.lepton.track.RunStore;
import ai.lepton.track.RunTable;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** {@code ./lepton runs [--last N]}: the runs in the store ({@code LEPTON_STORE} or {@code LEPTON_HOME/runs.db}) as a text table. */
public final class RunsCommand {

    /** A number of runs for {@code --last}: from 1, small enough for an int. */
    private static final Pattern COUNT = Pattern.compile("[1-9][0-9]{0,8}");

    private RunsCommand() {}

    public static void main(String[] args) {
        try {
            OptionalInt last = last(args);
            try (RunStore store = RunStore.openDefault()) {
                List<RunRecord> runs = last.isPresent() ? store.recent(last.getAsInt()) : store.runs();
                if (runs.isEmpty()) {
                    System.out.println("No runs in " + store.url()
                            + " yet: train one with %%lepton train in a notebook, or Training.train(...) in code.");
                    return;
                }
                System.out.println(RunTable.of(runs, store).printAll());
            }
        } catch (LeptonException e) {
            System.err.println("lepton: " + e.getMessage());
            System.exit(2);
        }
    }

    /** How many of the newest runs to show: all when {@code --last} is not given. */
    private static OptionalInt last(String[] args) {
        if (args.length == 0) {
            return OptionalInt.empty();
        }
        if (args.length == 2 && args[0].equals("--last")) {
            if (!COUNT.matcher(args[1]).matches()) {
                throw new LeptonException("--last takes a whole number of runs, not '" + args[1] + "'.");
            }
            return OptionalInt.of(Integer.parseInt(args[1]));
        }
        throw new LeptonException("usage: ./lepton runs [--last N]");
    }
}
