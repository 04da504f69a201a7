package ai.lepton.runtime.input;

import ai.lepton.runtime.artifact.JsonEntry;
import com.google.gson.JsonObject;

import java.util.List;

/**
 * A numeric field: a missing value becomes {@code fill} (NaN: the preparation dropped such rows, so the model
 * cannot take one), the value is clipped to [{@code low}, {@code high}], then scaled as
 * {@code (value - center) / scale}. {@code min} and {@code max} are the range the training split held.
 */
public record NumberField(
        String name, double fill, double low, double high, double center, double scale, double min, double max)
        implements Field {

    /** The most characters of a value that a message quotes. */
    private static final int QUOTED = 60;

    /** The scaling every Lepton preparation applies to a numeric value, at training and at predict time alike. */
    public static float transform(double raw, double fill, double low, double high, double center, double scale) {
        double value = Math.min(high, Math.max(low, Double.isNaN(raw) ? fill : raw));
        return (float) ((value - center) / scale);
    }

    @Override
    public String type() {
        return "number";
    }

    @Override
    public int width() {
        return 1;
    }

    @Override
    public void write(Object value, float[] out, int offset, String where) {
        out[offset] = transform(number(value, where), fill, low, high, center, scale);
    }

    /** The value as a double; NaN when missing, an error when there is no fill for it or it is not a finite number. */
    double number(Object value, String where) {
        double number;
        if (value == null) {
            number = Double.NaN;
        } else if (value instanceof Number n) {
            number = n.doubleValue();
        } else {
            throw new InputException(where + "field '" + name + "' must be a number, but got " + describe(value) + ".");
        }
        if (Double.isInfinite(number)) {
            throw new InputException(where + "field '" + name + "' is " + number
                    + "; give a finite number (the training data held " + min + " to " + max + ").");
        }
        if (Double.isNaN(number) && Double.isNaN(fill)) {
            throw new InputException(
                    where + "field '" + name + "' has no value (" + (value == null ? "null" : "NaN") + "), and this"
                            + " model's preparation dropped rows without one instead of filling them. Give it a number.");
        }
        return number;
    }

    /** What {@code value} is, for a message: a long text only by its start and length, as messages echo the request. */
    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case CharSequence text -> "the text " + quoted(text);
            case List<?> list -> "a list of " + list.size() + " values";
            case UnreadValue unread -> unread.toString();
            default -> value.getClass().getSimpleName() + " " + value;
        };
    }

    /** {@code 'text'}, or its first characters and its length when it is longer than a message should quote. */
    static String quoted(CharSequence text) {
        return text.length() <= QUOTED
                ? "'" + text + "'"
                : "'" + text.subSequence(0, QUOTED) + "…' (" + text.length() + " characters)";
    }

    /** This field as {@code schema.json} holds it ({@link InputSchema#toJson}). */
    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("name", name);
        json.addProperty("type", type());
        json.addProperty("fill", fill);
        json.addProperty("low", low);
        json.addProperty("high", high);
        json.addProperty("center", center);
        json.addProperty("scale", scale);
        json.addProperty("min", min);
        json.addProperty("max", max);
        return json;
    }

    static NumberField fromJson(JsonEntry json) {
        return new NumberField(
                json.string("name"),
                json.number("fill"),
                json.number("low"),
                json.number("high"),
                json.number("center"),
                json.number("scale"),
                json.number("min"),
                json.number("max"));
    }
}
