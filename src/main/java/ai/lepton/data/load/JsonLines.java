package ai.lepton.data.load;

import ai.lepton.data.DataException;
import ai.lepton.runtime.json.NotJsonException;
import ai.lepton.runtime.json.UntrustedJson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Reads JSON Lines (one JSON object per line) into a table. Keys become columns in the order they
 * first appear; a key a row lacks, or a null, is missing; a column whose values are all numbers is
 * numeric. Nested objects and arrays are refused, naming the line and key.
 */
final class JsonLines {

    private JsonLines() {}

    static Table read(Path file, String text) {
        Map<String, List<JsonPrimitive>> columns = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        int rows = 0;
        for (int index = 0; index < lines.length; index++) {
            if (lines[index].isBlank()) {
                continue;
            }
            JsonObject record = object(file, lines[index], index + 1);
            for (Map.Entry<String, JsonElement> field : record.entrySet()) {
                JsonElement value = field.getValue();
                if (value.isJsonObject() || value.isJsonArray()) {
                    throw new DataException(file + ": line " + (index + 1) + ", key '" + field.getKey()
                            + "' holds a nested " + (value.isJsonObject() ? "object" : "array")
                            + ". Flatten it into plain keys first.");
                }
                List<JsonPrimitive> column = columns.computeIfAbsent(field.getKey(), key -> new ArrayList<>());
                pad(column, rows);
                column.add(value.isJsonNull() ? null : value.getAsJsonPrimitive());
            }
            rows++;
        }
        Table table = Table.create(file.getFileName().toString().replaceFirst("\\.[^.]+$", ""));
        for (Map.Entry<String, List<JsonPrimitive>> column : columns.entrySet()) {
            pad(column.getValue(), rows);
            table.addColumns(column(column.getKey(), column.getValue()));
        }
        return table;
    }

    /** The line number of each record: blank lines hold none. */
    static int[] recordLines(String text) {
        String[] lines = text.split("\r?\n", -1);
        return IntStream.range(0, lines.length)
                .filter(index -> !lines[index].isBlank())
                .map(index -> index + 1)
                .toArray();
    }

    private static JsonObject object(Path file, String line, int number) {
        JsonElement parsed;
        try {
            parsed = UntrustedJson.parse(line);
        } catch (NotJsonException e) {
            throw new DataException(file + ": line " + number + " is not valid JSON: " + e.getMessage()
                    + ". Each line must hold one JSON object.");
        }
        if (!parsed.isJsonObject()) {
            throw new DataException(file + ": line " + number + " is not a JSON object but " + parsed
                    + ". Each line must hold one object, such as {\"age\": 41, \"city\": \"Oslo\"}.");
        }
        return parsed.getAsJsonObject();
    }

    private static void pad(List<JsonPrimitive> column, int rows) {
        while (column.size() < rows) {
            column.add(null);
        }
    }

    private static Column<?> column(String name, List<JsonPrimitive> values) {
        boolean numeric = values.stream().allMatch(value -> value == null || value.isNumber());
        if (numeric) {
            return DoubleColumn.create(
                    name,
                    values.stream()
                            .mapToDouble(v -> v == null ? Double.NaN : v.getAsDouble())
                            .toArray());
        }
        StringColumn text = StringColumn.create(name);
        values.forEach(value -> {
            if (value == null) {
                text.appendMissing();
            } else {
                text.append(value.getAsString());
            }
        });
        return text;
    }
}
