package ai.lepton.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

class ModelFamilyTest {

    @Test
    void eachFamilyBuildsOneFreezableStagePerHiddenLayer() {
        for (String family : List.of("mlp", "cnn")) {
            Architecture architecture = new Architecture(family, new long[] {1, 8, 8}, List.of(4, 6), 3, 0.1);
            var network = architecture.newBlock();
            assertEquals(2, network.getChildren().size(), "backbone and head");
            assertEquals(
                    2,
                    architecture
                            .familyOf()
                            .stages(network.getChildren().get(0).getValue())
                            .size(),
                    family);
        }
    }

    @Test
    void aFamilySaysWhichRowsItCannotRead() {
        assertNull(ModelFamily.named("mlp").refusal(new long[] {12}, false));
        assertTrue(ModelFamily.named("cnn").refusal(new long[] {12}, false).startsWith("needs images"));
        assertNull(ModelFamily.named("cnn").refusal(new long[] {1, 8, 8}, false));
        assertTrue(ModelFamily.named("mlp").refusal(new long[] {12}, true).startsWith("reads no text"));
        assertTrue(ModelFamily.named("bert").refusal(new long[] {0}, false).startsWith("reads text"));
        assertNull(ModelFamily.named("bert").refusal(new long[] {0}, true));
    }

    @Test
    void anArchitectureOfAnUnknownFamilyIsRefusedWhenRead() {
        String json = new Architecture("mlp", new long[] {3}, List.of(2), 2, 0)
                .toJson()
                .replace("\"mlp\"", "\"transformer\"");
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Architecture.fromJson(json));
        assertTrue(
                error.getMessage().contains("names the model family 'transformer', which this Lepton does not know"),
                error.getMessage());
        assertEquals(
                new Architecture("mlp", new long[] {3}, List.of(2), 2, 0),
                Architecture.fromJson(new Architecture("mlp", new long[] {3}, List.of(2), 2, 0).toJson()));
    }
}
