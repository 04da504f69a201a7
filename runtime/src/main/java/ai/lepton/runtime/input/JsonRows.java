package ai.lepton.runtime.input;

import ai.lepton.runtime.json.NotJsonException;
import ai.lepton.runtime.json.NotUtf8Exception;
import ai.lepton.runtime.json.UntrustedJson;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Rows written as JSON: an object per row, as {@code POST /predict} takes them and JSON Lines files hold them, read as
 * they arrive (no tree of the whole text is built) through {@link UntrustedJson}'s nesting limit. Numbers become
 * {@code Long} or {@code Double}, arrays lists (an image's pixels), objects their JSON text (the schema refuses them by
 * their type, naming the field); text, booleans and null stay what JSON says; the schema then checks each field.
 */
public final class JsonRows {

    /**
     * A request body's rows.
     *
     * @param batch whether the body was an array of rows (answered with an array) rather than one object
     */
    public record Body(List<Map<String, Object>> rows, boolean batch) {}

    private static final String SHAPE = "POST a JSON object (one row) or an array of objects.";

    private JsonRows() {}

    /** JSON Lines: one object per line, every field kept; an error names the file and line. */
    public static List<Map<String, Object>> lines(String text, Path file) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String where = file + ", line " + (i + 1) + ": ";
            JsonReader json = UntrustedJson.reader(new StringReader(lines[i]));
            try {
                if (json.peek() != JsonToken.BEGIN_OBJECT) {
                    throw new InputException(where + "a row must be a JSON object of field to value.");
                }
                rows.add(row(json, field -> true, new Place()));
                UntrustedJson.end(json);
            } catch (MalformedJsonException | EOFException e) {
                throw new InputException(
                        where + "not JSON (" + UntrustedJson.notJson(e).getMessage() + ").");
            } catch (NotJsonException e) {
                throw new InputException(where + "not JSON (" + e.getMessage() + ").");
            } catch (IOException e) { // a StringReader fails no other way
                throw new IllegalStateException(e);
            }
        }
        return rows;
    }

    /**
     * The rows of a request body read from {@code text} as it arrives: one object (one row) or an array of objects,
     * keeping the fields {@code wanted} (the others are skipped unread), refused at the {@code maxRows + 1}th row.
     *
     * @throws NotJsonException     the text is not JSON
     * @throws TooManyRowsException the array holds more than {@code maxRows} rows
     * @throws InputException       the JSON is not rows, or a byte is not UTF-8 (naming the row and field)
     * @throws IOException          the stream under {@code text} failed
     */
    public static Body body(Reader text, Predicate<String> wanted, int maxRows) throws IOException {
        JsonReader json = UntrustedJson.reader(text);
        Place place = new Place();
        try {
            Body body = switch (UntrustedJson.first(json)) {
                case BEGIN_OBJECT -> new Body(List.of(row(json, wanted, place)), false);
                case BEGIN_ARRAY -> new Body(array(json, wanted, maxRows, place), true);
                default -> throw new InputException("The body is not rows: " + SHAPE);
            };
            UntrustedJson.end(json);
            return body;
        } catch (MalformedJsonException | EOFException e) {
            throw UntrustedJson.notJson(e);
        } catch (NotUtf8Exception e) {
            throw new InputException("The body" + place + ": " + e.getMessage() + "; send it as UTF-8 text.");
        }
    }

    private static List<Map<String, Object>> array(JsonReader json, Predicate<String> wanted, int maxRows, Place place)
            throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        json.beginArray();
        while (json.hasNext()) {
            if (rows.size() == maxRows) {
                throw new TooManyRowsException(maxRows);
            }
            place.row = rows.size();
            if (json.peek() != JsonToken.BEGIN_OBJECT) {
                throw new InputException(
                        "Row " + place.row + ": every row in the array must be a JSON object of field to value.");
            }
            rows.add(row(json, wanted, place));
        }
        json.endArray();
        return rows;
    }

    private static Map<String, Object> row(JsonReader json, Predicate<String> wanted, Place place) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        json.beginObject();
        while (json.hasNext()) {
            place.field = null;
            String name = json.nextName();
            place.field = name;
            if (wanted.test(name)) {
                row.put(name, value(json));
            } else {
                json.skipValue();
            }
        }
        json.endObject();
        place.field = null;
        return row;
    }

    /** The next value; nesting is bounded by the reader's limit, so the recursion is too. */
    private static Object value(JsonReader json) throws IOException {
        return switch (json.peek()) {
            case NULL -> {
                json.nextNull();
                yield null;
            }
            case BOOLEAN -> json.nextBoolean();
            case NUMBER -> number(json.nextString());
            case BEGIN_ARRAY -> {
                List<Object> items = new ArrayList<>();
                json.beginArray();
                while (json.hasNext()) {
                    items.add(value(json));
                }
                json.endArray();
                yield items;
            }
            case BEGIN_OBJECT -> UntrustedJson.element(json).toString();
            default -> json.nextString(); // STRING; a name or an end cannot come where a value is peeked
        };
    }

    private static Object number(String digits) {
        if (digits.length() <= 19 && digits.matches("-?\\d{1,18}")) {
            return Long.parseLong(digits);
        }
        try {
            return Double.parseDouble(digits);
        } catch (NumberFormatException e) { // a lenient literal Gson calls a number; the schema names the field
            return digits;
        }
    }

    /** Where in a body the reader is, for an error: which row (negative: the body is one row) and field. */
    private static final class Place {

        int row = -1;
        String field;

        /** ", row 3, field 'species'", or less, or nothing. */
        @Override
        public String toString() {
            return (row < 0 ? "" : ", row " + row) + (field == null ? "" : ", field '" + field + "'");
        }
    }
}
