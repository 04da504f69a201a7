package ai.lepton.track;

import ai.lepton.base.Suggestions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Resolves what a person calls a run (its id, its name, or a unique start of its id) to one run, preferring the
 * person's own runs over colleagues' of the same name; when nothing matches, the error suggests what might.
 */
final class RunFinder {

    private final RunQueries runs;
    private final String storeUrl;
    private final Predicate<RunRecord> yours;

    /**
     * @param storeUrl where the runs are, as messages show it
     * @param yours    whether a run is the caller's own
     */
    RunFinder(RunQueries runs, String storeUrl, Predicate<RunRecord> yours) {
        this.runs = runs;
        this.storeUrl = storeUrl;
        this.yours = yours;
    }

    /** See {@link RunStore#find(String)}. */
    RunRecord find(String reference) {
        List<RunRecord> exact = runs.withId(reference);
        if (!exact.isEmpty()) {
            return exact.getFirst();
        }
        List<RunRecord> byName = runs.named(reference);
        if (!byName.isEmpty()) {
            return newestOfOneOwner(reference, byName);
        }
        List<RunRecord> byPrefix = runs.withIdStarting(reference);
        if (byPrefix.size() == 1) {
            return byPrefix.getFirst();
        }
        List<RunRecord> recent = runs.recent(5);
        throw new TrackingException("No run is named or has the id '" + reference + "' in " + storeUrl + "."
                + (byPrefix.size() > 1 ? " Several ids start with it: give more of the id." : "")
                + Suggestions.didYouMean("", reference, runs.names())
                + (recent.isEmpty()
                        ? " The store has no runs yet."
                        : " Recent: "
                                + String.join(
                                        ", ",
                                        recent.stream()
                                                .map(run -> run.id() + " (" + run.name() + ")")
                                                .toList())
                                + "."));
    }

    /** Of the runs named {@code name} (newest first), yours, else the only owner's; refused when several own some. */
    private RunRecord newestOfOneOwner(String name, List<RunRecord> named) {
        Optional<RunRecord> yourNewest = named.stream().filter(yours).findFirst();
        if (yourNewest.isPresent()) {
            return yourNewest.get();
        }
        Map<String, RunRecord> newestByOwner = new LinkedHashMap<>();
        named.forEach(run -> newestByOwner.putIfAbsent(run.owner(), run));
        if (newestByOwner.size() == 1) {
            return named.getFirst();
        }
        throw new TrackingException("Runs named '" + name + "' belong to several colleagues: "
                + String.join(
                        ", ",
                        newestByOwner.values().stream()
                                .map(run -> run.owner() + " (newest: " + run.id() + ")")
                                .toList())
                + ". Name the one you mean by its id.");
    }
}
