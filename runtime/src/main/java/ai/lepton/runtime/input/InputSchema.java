package ai.lepton.runtime.input;

import ai.lepton.runtime.artifact.ArtifactLimits;
import ai.lepton.runtime.artifact.JsonEntry;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model takes and gives: its input fields in feature order (each with its fitted encoding), the
 * target's name, the task, and the class labels in output order. The artifact's {@code schema.json}.
 *
 * @param classification whether the model gives a label and probabilities (or a number)
 * @param target         the column the model predicts
 * @param labels         class labels in output order; empty for regression
 * @param fields         the input fields, in the order their features appear
 */
public record InputSchema(boolean classification, String target, List<String> labels, List<Field> fields) {

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .create();

    public InputSchema {
        labels = List.copyOf(labels);
        fields = List.copyOf(fields);
    }

    /** How many features one row becomes. */
    public int width() {
        return fields.stream().mapToInt(Field::width).sum();
    }

    /** The free-text fields a language model reads, in order; empty for a tabular model. */
    public List<TextField> textFields() {
        return fields.stream()
                .filter(TextField.class::isInstance)
                .map(TextField.class::cast)
                .toList();
    }

    /**
     * The texts of {@code row}'s text fields, in order (a missing one is empty), for the tokenizer to join; call after
     * {@link #encode}, which checks the row.
     */
    public List<String> texts(Map<String, ?> row, int rowNumber) {
        String where = where(rowNumber);
        return textFields().stream()
                .map(field -> field.text(row.get(field.name()), where))
                .toList();
    }

    public List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
    }

    /** Each input field by its name. */
    public Map<String, Field> fieldsByName() {
        Map<String, Field> byName = new HashMap<>();
        fields.forEach(field -> byName.put(field.name(), field));
        return byName;
    }

    /** What an error about row {@code rowNumber} (negative: a single row) begins with: "Row 3: ", or nothing. */
    static String where(int rowNumber) {
        return rowNumber < 0 ? "" : "Row " + rowNumber + ": ";
    }

    /**
     * Encodes {@code row} into {@code out} at {@code offset}. Fields the model does not take are ignored (a row may carry
     * its target or an id); a missing field is an error, an explicit null a missing value.
     *
     * @param rowNumber the row's number in a batch, for errors; negative for a single row
     */
    public void encode(Map<String, ?> row, float[] out, int offset, int rowNumber) {
        String where = where(rowNumber);
        if (row == null) {
            throw new InputException(where + "the row is null; give a map of field to value.");
        }
        int at = offset;
        for (Field field : fields) {
            if (!row.containsKey(field.name())) {
                throw new InputException(where + "field '" + field.name() + "' is missing. The model takes: "
                        + String.join(", ", fieldNames()) + " (null for an unknown value).");
            }
            field.write(row.get(field.name()), out, at, where);
            at += field.width();
        }
    }

    public String toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("task", classification ? "classification" : "regression");
        json.addProperty("target", target);
        JsonArray labelArray = new JsonArray();
        labels.forEach(labelArray::add);
        json.add("labels", labelArray);
        JsonArray fieldArray = new JsonArray();
        fields.forEach(field -> fieldArray.add(json(field)));
        json.add("fields", fieldArray);
        return GSON.toJson(json);
    }

    /** One field as {@code schema.json} holds it: its record writes itself, so its fields are named beside its reader. */
    private static JsonObject json(Field field) {
        return switch (field) {
            case NumberField number -> number.toJson();
            case CategoryField category -> category.toJson();
            case DateField date -> date.toJson();
            case TextField text -> text.toJson();
            case ImageField image -> image.toJson();
        };
    }

    /** Reads the artifact's {@code schema.json}; a field of the wrong type is refused as a damaged artifact, naming it. */
    public static InputSchema fromJson(JsonEntry json) {
        List<Field> fields = new ArrayList<>();
        json.objects("fields").forEach(field -> fields.add(Field.fromJson(field)));
        long features = fields.stream().mapToLong(Field::width).sum(); // each field's at most MAX_FEATURES
        if (features > ArtifactLimits.MAX_FEATURES) {
            throw json.damaged(
                    "fields",
                    "make rows of " + features + " features, more than the " + ArtifactLimits.MAX_FEATURES
                            + " a row may have");
        }
        return new InputSchema(
                json.string("task").equals("classification"), json.string("target"), json.strings("labels"), fields);
    }
}
