package ai.lepton.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

class SearchSpaceTest {

    private static final String YAML = """
            model: mlp
            lr: loguniform(1e-4, 1e-2)
            hidden: [[64], [128, 64]]
            dropout: uniform(0.0, 0.5)
            batch: int(16, 18)
            optimizer: [adam, sgd]
            """;

    @Test
    void yamlDeclaresFixedValuesChoicesAndRanges() {
        Map<String, Dimension> dimensions = SearchSpace.parse(YAML).dimensions();
        assertEquals(new Dimension.Fixed("mlp"), dimensions.get("model"));
        assertEquals(new Dimension.Range(1e-4, 1e-2, 0, true), dimensions.get("lr"));
        assertEquals(new Dimension.Choice(List.of(List.of(64), List.of(128, 64))), dimensions.get("hidden"));
        assertEquals(new Dimension.Range(0.0, 0.5, 0, false), dimensions.get("dropout"));
        assertEquals(new Dimension.IntRange(16, 18, 1), dimensions.get("batch"));
        assertEquals(
                List.of("model", "lr", "hidden", "dropout", "batch", "optimizer"), List.copyOf(dimensions.keySet()));
    }

    @Test
    void theSpaceWritesYamlThatReadsBackToTheSameSpace() {
        SearchSpace space = SearchSpace.parse(YAML + "note: 'it''s quoted, uniform(1, 2)'\n");
        assertEquals(space, SearchSpace.parse(space.yaml()));
        assertEquals(
                new Dimension.Fixed("it's quoted, uniform(1, 2)"),
                SearchSpace.parse(space.yaml()).dimensions().get("note"));
    }

    @Test
    void randomSearchIsBoundedAndTheSameForTheSameSeed() {
        SearchSpace space = SearchSpace.parse(YAML);
        List<Map<String, Object>> first = space.configurations(Search.RANDOM, 25, 7);
        assertEquals(25, first.size());
        assertEquals(first, space.configurations(Search.RANDOM, 25, 7));
        assertNotEquals(first, space.configurations(Search.RANDOM, 25, 8));
        for (Map<String, Object> configuration : first) {
            double lr = (Double) configuration.get("lr");
            assertTrue(lr >= 1e-4 && lr <= 1e-2, "lr " + lr);
            assertEquals("mlp", configuration.get("model"));
            assertTrue(List.of(List.of(64), List.of(128, 64)).contains(configuration.get("hidden")));
        }
    }

    @Test
    void drawsCoverBothEndsOfAnIntRangeAndSpreadALogRangeOverItsDecades() {
        List<Map<String, Object>> draws =
                SearchSpace.parse("batch: int(1, 3)\nlr: loguniform(1e-6, 1)").configurations(Search.RANDOM, 400, 1);
        Set<Object> batches = new HashSet<>();
        long belowOneThousandth = 0;
        for (Map<String, Object> draw : draws) {
            batches.add(draw.get("batch"));
            if ((Double) draw.get("lr") < 1e-3) {
                belowOneThousandth++;
            }
        }
        assertEquals(Set.of(1, 2, 3), batches);
        // log-uniform: half the draws fall in the lower three of six decades (uniform would put 0.1% there)
        assertTrue(belowOneThousandth > 150 && belowOneThousandth < 250, belowOneThousandth + " of 400");
    }

    @Test
    void gridSearchTakesEveryCombinationOrTheFirstOnes() {
        SearchSpace space =
                SearchSpace.parse("hidden: [[32], [64]]\nbatch: int(16, 64, 16)\nlr: loguniform(1e-4, 1e-2)");
        assertEquals(2 * 4 * 11, space.gridSize());
        List<Map<String, Object>> grid = space.configurations(Search.GRID, 0, 0);
        assertEquals(88, grid.size());
        assertEquals(88, new HashSet<>(grid).size());
        assertTrue(grid.stream()
                .anyMatch(c -> c.get("batch").equals(64) && c.get("lr").equals(0.01)));
        assertTrue(grid.stream().anyMatch(c -> c.get("lr").equals(1e-4)));
        assertTrue(
                grid.stream().anyMatch(c -> c.get("lr").equals(0.001)),
                "the middle of a log grid is the geometric mean");
        assertEquals(5, space.configurations(Search.GRID, 5, 0).size());
    }

    @Test
    void badSpacesAreClearErrorsNamingLineAndKey() {
        assertMessage("", "The search space is empty");
        assertMessage("lr: uniform(0.1, 0.01)", "Line 1, 'lr': uniform(0.1, 0.01): the low end is above the high end");
        assertMessage(
                "epochs: 5\nlr: loguniform(0, 0.1)",
                "Line 2, 'lr': loguniform(0.0, 0.1): a log-uniform range needs both ends above 0");
        assertMessage("lr: loguniform(-1e-3, 1e-2)", "needs both ends above 0");
        assertMessage("batch: int(64, 16)", "the low end is above the high end");
        assertMessage("batch: int(1.5, 16)", "int ranges take whole numbers");
        assertMessage("lr: uniform(a, b)", "the bounds must be numbers");
        assertMessage("lr: loguniform(1e-4)", "give a low and a high end");
        assertMessage("hidden: []", "Line 1, 'hidden': an empty list has nothing to choose from");
        assertMessage("lr:", "no value");
        assertMessage("lr: [1e-3\nepochs: 3", "not valid YAML at line");
    }

    private static void assertMessage(String yaml, String expected) {
        SweepException error =
                assertThrows(SweepException.class, () -> SearchSpace.parse(yaml).configurations(Search.RANDOM, 3, 1));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
