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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rows written as JSON: an object per row, as {@code POST /predict} takes them and JSON Lines files hold them, read as
 * they arrive (no tree of the whole text is built) through {@link UntrustedJson}'s nesting limit, keeping only the
 * fields the model takes and its target, a labelled row's label (the others are skipped unread). Numbers become {@code Long} or {@code Double}; text, booleans
 * and null stay what JSON says; an image field's array becomes its pixels, flattened ({@code float[]}), refused at the
 * first value past what the model reads. Any other object or array is skipped unread and kept as an
 * {@link UnreadValue}, which the field refuses by its type, naming it: what a value costs in memory is bounded by the
 * schema, not by the body. The schema then checks each field.
 */
public final class JsonRows {

    /**
     * A request body's rows.
     *
     * @param batch whether the body was an array of rows (answered with an array) rather than one object
     */
    public record Body(List<Map<String, Object>> rows, boolean batch) {}

    private static final String SHAPE = "POST a JSON object (one row) or an array of objects.";

    /** A number JSON wrote as a whole number that fits a {@code long}. */
    private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");

    private JsonRows() {}

    /** JSON Lines: one object per line, with the fields {@code schema} takes; an error names the file and line. */
    public static List<Map<String, Object>> lines(String text, Path file, InputSchema schema) {
        Map<String, Field> fields = schema.fieldsByName();
        String target = schema.target();
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
                rows.add(row(json, fields, target, new Place(where)));
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
     * keeping the fields {@code schema} takes, refused at the {@code maxRows + 1}th row.
     *
     * @throws NotJsonException     the text is not JSON
     * @throws TooManyRowsException the array holds more than {@code maxRows} rows
     * @throws InputException       the JSON is not rows, an image holds more pixels than the model reads, or a byte is
     *                              not UTF-8 (naming the row and field)
     * @throws IOException          the stream under {@code text} failed
     */
    public static Body body(Reader text, InputSchema schema, int maxRows) throws IOException {
        Map<String, Field> fields = schema.fieldsByName();
        String target = schema.target();
        JsonReader json = UntrustedJson.reader(text);
        Place place = new Place(null);
        try {
            Body body = switch (UntrustedJson.first(json)) {
                case BEGIN_OBJECT -> new Body(List.of(row(json, fields, target, place)), false);
                case BEGIN_ARRAY -> new Body(array(json, fields, target, maxRows, place), true);
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

    private static List<Map<String, Object>> array(
            JsonReader json, Map<String, Field> fields, String target, int maxRows, Place place) throws IOException {
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
            rows.add(row(json, fields, target, place));
        }
        json.endArray();
        return rows;
    }

    /** A row's fields the model takes, and its target (a labelled row's label) when it has one; the rest skipped. */
    private static Map<String, Object> row(JsonReader json, Map<String, Field> fields, String target, Place place)
            throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        json.beginObject();
        while (json.hasNext()) {
            place.field = null;
            String name = json.nextName();
            place.field = name;
            Field field = fields.get(name);
            if (field != null) {
                row.put(name, value(json, field, place));
            } else if (name.equals(target)) {
                row.put(name, value(json, null, place));
            } else {
                json.skipValue();
            }
        }
        json.endObject();
        place.field = null;
        return row;
    }

    /**
     * The value of a field the model takes ({@code field}), or of the target (null). An object, or an array where the
     * field takes none, could cost many times its bytes to keep (a map entry or a boxed number per member), and the
     * field refuses it anyway: it is skipped.
     */
    private static Object value(JsonReader json, Field field, Place place) throws IOException {
        return switch (json.peek()) {
            case BEGIN_ARRAY ->
                field instanceof ImageField image ? pixels(json, image, place) : skipped(json, UnreadValue.ARRAY);
            case BEGIN_OBJECT -> skipped(json, UnreadValue.OBJECT);
            default -> scalar(json);
        };
    }

    private static UnreadValue skipped(JsonReader json, UnreadValue what) throws IOException {
        json.skipValue();
        return what;
    }

    /** A value that is neither an object nor an array. */
    private static Object scalar(JsonReader json) throws IOException {
        return switch (json.peek()) {
            case NULL -> {
                json.nextNull();
                yield null;
            }
            case BOOLEAN -> json.nextBoolean();
            case NUMBER -> number(json.nextString());
            default -> json.nextString(); // STRING; a name or an end cannot come where a value is peeked
        };
    }

    /**
     * An image's pixel values, flat whatever their nesting (channel, row, column, or none), refused at the first one
     * past what the model reads; fewer are kept for the field to refuse, naming how many came.
     */
    private static float[] pixels(JsonReader json, ImageField image, Place place) throws IOException {
        float[] pixels = new float[image.width()];
        int count = pixels(json, image, place, pixels, 0);
        return count == pixels.length ? pixels : Arrays.copyOf(pixels, count);
    }

    /** Reads the array {@code json} is at into {@code pixels} from {@code count} on; the count after it. */
    private static int pixels(JsonReader json, ImageField image, Place place, float[] pixels, int count)
            throws IOException {
        int at = count;
        json.beginArray(); // nested at most the reader's limit deep, so the recursion is bounded too
        while (json.hasNext()) {
            if (json.peek() == JsonToken.BEGIN_ARRAY) {
                at = pixels(json, image, place, pixels, at);
                continue;
            }
            Object value = json.peek() == JsonToken.BEGIN_OBJECT ? skipped(json, UnreadValue.OBJECT) : scalar(json);
            if (!(value instanceof Number number)) {
                throw image.notAPixel(value, place.where());
            }
            if (at == pixels.length) {
                throw image.tooManyPixels(place.where());
            }
            pixels[at++] = number.floatValue();
        }
        json.endArray();
        return at;
    }

    private static Object number(String digits) {
        if (digits.length() <= 19 && WHOLE.matcher(digits).matches()) {
            return Long.parseLong(digits);
        }
        try {
            return Double.parseDouble(digits);
        } catch (NumberFormatException e) { // a lenient literal Gson calls a number; the schema names the field
            return digits;
        }
    }

    /**
     * Where in the text the reader is, for an error: the line of a JSON Lines file, or which row of a body (negative:
     * the body is one row), and which field.
     */
    private static final class Place {

        private final String line;
        int row = -1;
        String field;

        /** {@code line}: "rows.jsonl, line 3: " for a row of a JSON Lines file; null for a body. */
        Place(String line) {
            this.line = line;
        }

        /** What an error about the current field begins with, as the schema's own errors begin. */
        String where() {
            return line != null ? line : InputSchema.where(row);
        }

        /** ", row 3, field 'species'", or less, or nothing. */
        @Override
        public String toString() {
            return (row < 0 ? "" : ", row " + row) + (field == null ? "" : ", field '" + field + "'");
        }
    }
}
