package ai.lepton.runtime.input;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows written as JSON: an object per row, as {@code POST /predict} takes them and JSON Lines files hold them. Numbers
 * become {@code Long} or {@code Double}, text, booleans and null stay what JSON says; the schema then checks each field.
 */
public final class JsonRows {

    private JsonRows() {}

    /** JSON Lines: one object per line; numbers, text, booleans and null as JSON gives them. */
    public static List<Map<String, Object>> lines(String text, Path file) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonElement element;
            try {
                element = JsonParser.parseString(lines[i]);
            } catch (RuntimeException e) {
                throw new InputException(file + ", line " + (i + 1) + ": not JSON (" + e.getMessage() + ").");
            }
            if (!element.isJsonObject()) {
                throw new InputException(
                        file + ", line " + (i + 1) + ": a row must be a JSON object of field to value.");
            }
            rows.add(row(element.getAsJsonObject()));
        }
        return rows;
    }

    /**
     * A JSON object as a row: numbers become Long or Double, arrays lists (an image's pixels), objects their JSON text
     * (the schema refuses them by their type, naming the field).
     */
    public static Map<String, Object> row(JsonObject object) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> field : object.entrySet()) {
            row.put(field.getKey(), value(field.getValue()));
        }
        return row;
    }

    private static Object value(JsonElement element) {
        if (element.isJsonNull()) {
            return null;
        }
        if (element.isJsonArray()) {
            List<Object> items = new ArrayList<>(element.getAsJsonArray().size());
            element.getAsJsonArray().forEach(item -> items.add(value(item)));
            return items;
        }
        if (!element.isJsonPrimitive()) {
            return element.toString();
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return primitive.getAsBoolean();
        }
        if (primitive.isNumber()) {
            String digits = primitive.getAsString();
            return digits.matches("-?\\d{1,18}") ? (Object) Long.parseLong(digits) : (Object) primitive.getAsDouble();
        }
        return primitive.getAsString();
    }
}
