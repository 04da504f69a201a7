package ai.lepton.kernel.deps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What resolving coordinates adds to the session: the jars not on its classpath yet, and the libraries asked for that
 * the session answers with another version: one it keeps (its core, Lepton's libraries once the notebook's first Java
 * code has run, what an earlier {@code %maven} added, a family such as Lepton's DJL), never resolved at the version
 * asked, or a family's library it lacks, taken at the family's version.
 *
 * @param added         the jars to add
 * @param substitutions each library answered with another version; empty when none
 */
public record Resolution(List<Path> added, List<Substitution> substitutions) {

    /**
     * A library asked for at one version and answered with another.
     *
     * @param library        {@code group:artifact}
     * @param version        the version the session uses
     * @param asked          the version asked for
     * @param family         the family whose version it is, or null
     * @param kept           true when the session keeps its own version; false when it is taken at the family's
     * @param sinceFirstJava whether it is kept because Lepton's libraries are fixed from the first Java code on
     */
    public record Substitution(
            String library, String version, String asked, LibraryFamily family, boolean kept, boolean sinceFirstJava) {

        String said() {
            return library + " " + version + " (asked for " + asked + ")";
        }
    }

    public Resolution {
        added = List.copyOf(added);
        substitutions = List.copyOf(substitutions);
    }

    /** Nothing added, nothing substituted. */
    public static Resolution none() {
        return new Resolution(List.of(), List.of());
    }

    /** This resolution and {@code other}, as one magic's. */
    public Resolution and(Resolution other) {
        return new Resolution(
                Stream.concat(added.stream(), other.added.stream()).toList(),
                Stream.concat(substitutions.stream(), other.substitutions.stream())
                        .distinct()
                        .toList());
    }

    /**
     * The lines a notebook shows: one for the libraries kept at the session's version (saying how many other jars were
     * added), one for each family's.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        List<Substitution> kept = substitutions.stream()
                .filter(substitution -> substitution.family() == null)
                .toList();
        if (!kept.isEmpty()) {
            boolean sinceFirstJava = kept.stream().anyMatch(Substitution::sinceFirstJava);
            lines.add("Kept the session's own " + said(kept) + " — one version of a library per classpath"
                    + (sinceFirstJava
                            ? " (Lepton's libraries are fixed from the notebook's first Java code on: a %maven before it"
                                    + " gets the version it asks for)"
                            : "")
                    + "; added " + added.size() + " other jar(s).");
        }
        Map<LibraryFamily, List<Substitution>> byFamily = substitutions.stream()
                .filter(substitution -> substitution.family() != null)
                .collect(Collectors.groupingBy(Substitution::family, LinkedHashMap::new, Collectors.toList()));
        byFamily.forEach((family, members) -> lines.add(familyLine(family, members)));
        return lines;
    }

    private static String familyLine(LibraryFamily family, List<Substitution> members) {
        List<Substitution> kept = members.stream().filter(Substitution::kept).toList();
        List<Substitution> taken =
                members.stream().filter(member -> !member.kept()).toList();
        List<String> parts = new ArrayList<>();
        if (!kept.isEmpty()) {
            parts.add("Kept the session's own " + said(kept));
        }
        if (!taken.isEmpty()) {
            parts.add((kept.isEmpty() ? "Took " : "took ") + said(taken));
        }
        return String.join("; ", parts) + " — Lepton's " + family.name() + " stays, " + family.reason()
                + "; nothing was resolved at the version asked.";
    }

    private static String said(List<Substitution> substitutions) {
        return substitutions.stream().map(Substitution::said).collect(Collectors.joining(", "));
    }
}
