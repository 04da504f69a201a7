package ai.lepton.runtime.input;

import ai.lepton.base.Suggestions;
import ai.lepton.runtime.artifact.JsonEntry;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.List;

/**
 * A text field with the training split's categories: a missing value becomes {@code fill} (null: none), then
 * one-hot columns or one ordinal index. An unseen category is all zeros (one-hot) or -1 (ordinal), or an error
 * when the preparation refuses unseen categories.
 */
public record CategoryField(String name, String fill, List<String> categories, boolean oneHot, boolean refuseUnseen)
        implements Field {

    public CategoryField {
        categories = List.copyOf(categories);
    }

    @Override
    public String type() {
        return "category";
    }

    @Override
    public int width() {
        return oneHot ? categories.size() : 1;
    }

    @Override
    public void write(Object value, float[] out, int offset, String where) {
        String text;
        if (value == null) {
            if (fill == null) {
                throw new InputException(
                        where + "field '" + name + "' has no value, and this model's preparation dropped rows without"
                                + " one. Give it one of: " + String.join(", ", categories) + ".");
            }
            text = fill;
        } else if (value instanceof CharSequence || value instanceof Boolean) {
            text = value.toString();
        } else {
            throw new InputException(where + "field '" + name + "' must be text (one of "
                    + String.join(", ", categories) + "), but got " + NumberField.describe(value) + ".");
        }
        int index = categories.indexOf(text);
        if (index < 0 && refuseUnseen) {
            throw new InputException(where + "field '" + name + "' is " + NumberField.quoted(text)
                    + ", a category the model never saw."
                    + (text.length()
                                    <= categories.stream()
                                                    .mapToInt(String::length)
                                                    .max()
                                                    .orElse(0)
                                            * 2
                            ? Suggestions.didYouMean("", text, categories)
                            : "") // a text far longer than every category is no typo of one
                    + " Known: " + String.join(", ", categories) + ".");
        }
        if (oneHot) {
            for (int i = 0; i < categories.size(); i++) {
                out[offset + i] = i == index ? 1f : 0f;
            }
        } else {
            out[offset] = index;
        }
    }

    /** This field as {@code schema.json} holds it ({@link InputSchema#toJson}). */
    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("name", name);
        json.addProperty("type", type());
        json.addProperty("fill", fill);
        JsonArray values = new JsonArray();
        categories.forEach(values::add);
        json.add("categories", values);
        json.addProperty("encode", oneHot ? "onehot" : "ordinal");
        json.addProperty("unseen", refuseUnseen ? "error" : "ignore");
        return json;
    }

    static CategoryField fromJson(JsonEntry json) {
        return new CategoryField(
                json.string("name"),
                json.optionalString("fill").orElse(null),
                json.strings("categories"),
                json.string("encode").equals("onehot"),
                json.string("unseen").equals("error"));
    }
}
