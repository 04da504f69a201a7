package ai.lepton.runtime.input;

import ai.lepton.runtime.artifact.JsonEntry;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A date or date-time field: each of its parts (year, month, ...) is one numeric feature, filled and scaled
 * like a number. Values are ISO text ({@code 2024-03-01}, {@code 2024-03-01T09:30}) or {@code LocalDate(Time)}.
 */
public record DateField(String name, boolean withTime, List<TimePart> parts, List<NumberField> features)
        implements Field {

    public DateField {
        parts = List.copyOf(parts);
        features = List.copyOf(features);
    }

    @Override
    public String type() {
        return withTime ? "datetime" : "date";
    }

    @Override
    public int width() {
        return parts.size();
    }

    @Override
    public void write(Object value, float[] out, int offset, String where) {
        LocalDateTime time = time(value, where);
        for (int i = 0; i < parts.size(); i++) {
            features.get(i).write(time == null ? null : parts.get(i).of(time), out, offset + i, where);
        }
    }

    private LocalDateTime time(Object value, String where) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDateTime time) {
            return time;
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        if (value instanceof CharSequence text) {
            try {
                return text.length() <= 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw new InputException(where + "field '" + name + "' must be an ISO "
                        + (withTime ? "date-time such as 2024-03-01T09:30" : "date such as 2024-03-01") + ", but got '"
                        + text + "'.");
            }
        }
        throw new InputException(
                where + "field '" + name + "' must be a date, but got " + NumberField.describe(value) + ".");
    }

    /** This field as {@code schema.json} holds it ({@link InputSchema#toJson}). */
    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("name", name);
        json.addProperty("type", type());
        JsonArray array = new JsonArray();
        for (int i = 0; i < parts.size(); i++) {
            JsonObject part = features.get(i).toJson();
            part.addProperty("part", parts.get(i).name());
            array.add(part);
        }
        json.add("parts", array);
        return json;
    }

    static DateField fromJson(JsonEntry json) {
        List<TimePart> parts = new ArrayList<>();
        List<NumberField> features = new ArrayList<>();
        for (JsonEntry part : json.objects("parts")) {
            String name = part.string("part");
            parts.add(Arrays.stream(TimePart.values())
                    .filter(known -> known.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> part.damaged(
                            "part",
                            "is '" + name + "', and this runtime knows " + Arrays.toString(TimePart.values()))));
            features.add(NumberField.fromJson(part));
        }
        return new DateField(json.string("name"), json.string("type").equals("datetime"), parts, features);
    }
}
