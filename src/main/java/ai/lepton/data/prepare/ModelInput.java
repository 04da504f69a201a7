package ai.lepton.data.prepare;

import ai.lepton.data.DataException;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.runtime.input.InputSchema;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;

import java.util.List;
import java.util.Map;

/**
 * How a model's raw rows become what its network reads, as a run records it: a table's fitted {@link Preparation}, or the
 * {@link ImageInput} of an image model. Promotion, explanations and plots judge a run's model through it on the raw
 * held-out rows, and the runtime's input schema comes from it.
 */
public sealed interface ModelInput permits Preparation, ImageInput {

    Task task();

    /** The class labels in output order; empty for regression. */
    List<String> labels();

    /** The column the model predicts. */
    String target();

    /** What the runtime takes: the artifact's {@code schema.json}. */
    InputSchema inputSchema();

    /** Raw rows (field name to value, as the runtime takes them, with the target) as features and labels. */
    FeatureMatrix read(List<Map<String, Object>> rows);

    /**
     * The inputs permutation importance shuffles one at a time; empty when it does not apply (an image model reads one
     * input, and shuffling it says nothing about what in the image matters).
     */
    List<String> shuffledInputs();

    String toJson();

    /** Reads {@link #toJson()} of either kind. */
    static ModelInput fromJson(String json) {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(json);
        } catch (JsonSyntaxException e) {
            throw new DataException("Not a Lepton preparation: " + e.getMessage());
        }
        boolean images = parsed.isJsonObject()
                && parsed.getAsJsonObject().has("kind")
                && parsed.getAsJsonObject().get("kind").getAsString().equals(ImageInput.KIND);
        return images ? ImageInput.fromJson(json) : Preparation.fromJson(json);
    }
}
