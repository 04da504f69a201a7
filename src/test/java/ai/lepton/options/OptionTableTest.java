package ai.lepton.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class OptionTableTest {

    /** A mistake of these options, as a package of Lepton reports it. */
    static final class Mistake extends RuntimeException {
        Mistake(String message) {
            super(message);
        }
    }

    private enum Flavour {
        PLAIN,
        SALTED
    }

    private static final Option<Integer> SIZE =
            Option.of("size", OptionType.WHOLE, 3, "how many").accepting(size -> size >= 1, "at least 1");
    private static final Option<Double> RATE = Option.of("rate", OptionType.NUMBER, 1e-3, "how fast");
    private static final Option<String> KIND = Option.choice("kind", List.of("small", "large"), "small", "which one");
    private static final Option<Flavour> FLAVOUR = Option.choice("flavour", Flavour.class, null, "how it tastes");
    private static final Option<List<Integer>> WIDTHS =
            Option.of("widths", OptionType.WIDTHS, List.of(8), "layer widths");
    private static final OptionTable TABLE =
            OptionTable.of("setting", Mistake::new, List.of(SIZE, RATE, KIND, FLAVOUR, WIDTHS));

    private static String message(Runnable wrong) {
        return assertThrows(Mistake.class, wrong::run).getMessage();
    }

    @Test
    void readsYamlIntoTypedValuesOverTheDefaults() {
        OptionValues values =
                TABLE.read(TABLE.defaults(), "size: 5\nrate: 1e-2\nkind: LARGE\nflavour: salted\nwidths: [64, 32]");
        assertEquals(5, values.get(SIZE));
        assertEquals(0.01, values.get(RATE));
        assertEquals("large", values.get(KIND));
        assertEquals(Flavour.SALTED, values.get(FLAVOUR));
        assertEquals(List.of(64, 32), values.get(WIDTHS));
        assertNull(TABLE.defaults().get(FLAVOUR), "an option without a default is none until given");
    }

    @Test
    void eachMistakeNamesTheOptionTheValueAndWhatItMustBe() {
        assertEquals(
                "Unknown setting 'sise'. Did you mean size? Known: size, rate, kind, flavour, widths.",
                message(() -> TABLE.defaults().with("sise", 2)));
        assertEquals(
                "Setting 'size' must be a whole number, not 'many'.",
                message(() -> TABLE.defaults().with("size", "many")));
        assertEquals(
                "Setting 'size' is 0; it must be at least 1.",
                message(() -> TABLE.defaults().with(SIZE, 0)));
        assertEquals(
                "Setting 'kind' is huge; it must be one of [small, large].",
                message(() -> TABLE.defaults().with(KIND, "huge")));
        assertEquals(
                "Line 2, 'rate': Setting 'rate' must be a number, not 'fast'.",
                message(() -> TABLE.read(TABLE.defaults(), "size: 2\nrate: fast")));
        assertTrue(message(() -> TABLE.read(TABLE.defaults(), "size: 2\n  rate: 1"))
                .startsWith("The settings are not valid YAML at line 2"));
    }

    @Test
    void recordedTextReadsBackAsTheSameValues() {
        OptionValues values =
                TABLE.defaults().with(SIZE, 9).with(FLAVOUR, Flavour.PLAIN).with(WIDTHS, List.of(128, 64));
        Map<String, String> text = values.asText();
        assertEquals("[128, 64]", text.get("widths"));
        assertEquals("plain", text.get("flavour"));
        assertEquals(values, TABLE.fromText(text));
        assertEquals(TABLE.defaults(), TABLE.fromText(Map.of("unrelated", "kept out")));
    }

    @Test
    void helpListsEveryOptionWithWhatItTakesAndItsDefault() {
        String help = TABLE.help();
        assertEquals(5, help.lines().count());
        assertTrue(help.contains("size     how many (at least 1; default 3)"), help);
        assertTrue(help.contains("flavour  how it tastes (one of plain, salted; default none)"), help);
        assertEquals(List.of("plain", "salted"), FLAVOUR.choices());
    }
}
