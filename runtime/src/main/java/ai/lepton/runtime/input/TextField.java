package ai.lepton.runtime.input;

import com.google.gson.JsonObject;

/**
 * A free-text field, which the model's tokenizer reads (it adds no features of its own). A missing value is read as an
 * empty text, as training read it; anything but text is refused.
 */
public record TextField(String name) implements Field {

    @Override
    public String type() {
        return "text";
    }

    @Override
    public int width() {
        return 0;
    }

    @Override
    public void write(Object value, float[] out, int offset, String where) {
        text(value, where);
    }

    /** The value as text: "" when missing; an error naming the field when it is a number, a list or a map. */
    public String text(Object value, String where) {
        if (value == null) {
            return "";
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        throw new InputException(where + "field '" + name + "' is text the model reads, but got "
                + NumberField.describe(value) + ". Give it a string.");
    }

    /** This field as {@code schema.json} holds it ({@link InputSchema#toJson}). */
    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("name", name);
        json.addProperty("type", type());
        return json;
    }
}
