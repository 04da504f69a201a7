package ai.lepton.runtime.input;

import ai.lepton.runtime.artifact.JsonEntry;

/**
 * One input field of a model and how its raw value becomes features, with the statistics fitted on the
 * training split. Written into and read from the artifact's {@code schema.json}.
 */
public sealed interface Field permits NumberField, CategoryField, DateField, TextField, ImageField {

    String name();

    /** {@code number}, {@code category}, {@code date}, {@code datetime}, {@code text} or {@code image}. */
    String type();

    /** How many features the field becomes. */
    int width();

    /**
     * Writes the features of {@code value} (null: the value is missing) at {@code offset}; {@code where} says
     * which row, for errors.
     */
    void write(Object value, float[] out, int offset, String where);

    static Field fromJson(JsonEntry json) {
        String type = json.string("type");
        return switch (type) {
            case "number" -> NumberField.fromJson(json);
            case "category" -> CategoryField.fromJson(json);
            case "date", "datetime" -> DateField.fromJson(json);
            case "text" -> new TextField(json.string("name"));
            case "image" -> ImageField.fromJson(json);
            default ->
                throw json.damaged(
                        "type",
                        "is '" + type + "', and this runtime knows number, category, date, datetime, text and image"
                                + " (a newer Lepton wrote the artifact?)");
        };
    }
}
