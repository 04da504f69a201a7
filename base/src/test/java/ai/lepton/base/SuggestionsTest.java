package ai.lepton.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

class SuggestionsTest {

    private static final Set<String> MAGICS = Set.of("maven", "mavenRepo", "jars", "classpath", "load", "time", "html");

    @Test
    void suggestsTheClosestNamesFirst() {
        assertEquals("maven", Suggestions.closest("mavn", MAGICS).getFirst());
        assertEquals(List.of("html"), Suggestions.closest("htm", MAGICS));
    }

    @Test
    void suggestsNothingForAFarName() {
        assertEquals(List.of(), Suggestions.closest("xyzzyplugh", MAGICS));
        assertEquals("", Suggestions.didYouMean("%", "xyzzyplugh", MAGICS));
    }

    @Test
    void phrasesTheSuggestion() {
        assertEquals(" Did you mean %load?", Suggestions.didYouMean("%", "laod", Set.of("load")));
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, Suggestions.distance("abc", "abc"));
        assertEquals(1, Suggestions.distance("abc", "abd"));
        assertEquals(1, Suggestions.distance("abc", "ab"));
        assertEquals(3, Suggestions.distance("", "abc"));
    }
}
