package ai.lepton.runtime.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.runtime.input.CategoryField;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.input.NumberField;
import ai.lepton.runtime.input.TextField;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

class InputHealthTest {

    private static final InputSchema SCHEMA = new InputSchema(
            true,
            "kind",
            List.of("a", "b"),
            List.of(
                    new NumberField("size", 0, -100, 100, 0, 1, -3, 3),
                    new CategoryField("colour", "red", List.of("red", "blue"), true, false),
                    new TextField("note")));

    private static List<Map<String, Object>> rows(int count, double shift, long seed) {
        Random random = new Random(seed);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("size", random.nextGaussian() + shift);
            row.put("colour", random.nextBoolean() ? "red" : "blue");
            row.put("note", "x".repeat(5 + random.nextInt(20)));
            rows.add(row);
        }
        return rows;
    }

    @Test
    void theSameDistributionBarelyDriftsAndAShiftedOneDoes() {
        InputProfile profile = InputProfile.fit(rows(2000, 0, 1), SCHEMA);
        InputHealth same = new InputHealth(SCHEMA, profile);
        same.observe(rows(2000, 0, 2));
        InputHealth shifted = new InputHealth(SCHEMA, profile);
        shifted.observe(rows(2000, 1.5, 3));
        assertTrue(same.drift().get("size") < 0.05, same.drift().toString());
        assertTrue(shifted.drift().get("size") > 0.25, shifted.drift().toString());
        assertTrue(shifted.drift().get("colour") < 0.05, "the colours did not move: " + shifted.drift());
        assertTrue(same.drift().get("note") < 0.05, same.drift().toString());
    }

    @Test
    void missingOutOfRangeAndUnseenValuesAreCountedPerField() {
        InputHealth health = new InputHealth(SCHEMA, null);
        Map<String, Object> odd = new HashMap<>();
        odd.put("size", 7.5);
        odd.put("colour", "green");
        odd.put("note", null);
        Map<String, Object> empty = new HashMap<>(Map.of("size", 0.5, "colour", "red", "note", ""));
        health.observe(List.of(odd, empty));
        assertEquals(1L, health.outOfRange().get("size"), "7.5 is outside the training split's -3 … 3");
        assertEquals(1L, health.unseen().get("colour"));
        assertEquals(2L, health.missing().get("note"), "null and the empty text are both missing");
        assertTrue(health.drift().isEmpty(), "no profile, no drift");
    }
}
