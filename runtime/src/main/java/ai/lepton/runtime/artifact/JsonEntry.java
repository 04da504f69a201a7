package ai.lepton.runtime.artifact;

import ai.lepton.runtime.json.NotJsonException;
import ai.lepton.runtime.json.UntrustedJson;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON object from one of an artifact's entries, whose fields are read with their types checked: a field that is
 * missing, or of another JSON type than its reader expects, makes a damaged-artifact error naming the entry and the
 * field, never a Gson or cast exception. The entry's text is parsed once, with a nesting limit.
 */
public final class JsonEntry {

    private static final Gson GSON = new Gson();
    /** Gson's reason for a value it cannot convert, and the JSON path of the value ({@code $.encoder.pooling}). */
    private static final Pattern GSON_PATH = Pattern.compile("(.*?) at (?:line \\d+ column \\d+ )?path \\$\\.?(\\S*)");

    /** Gson's words for a value of the wrong JSON type ({@code Expected STRING but was BEGIN_OBJECT}). */
    private static final Pattern GSON_TOKENS = Pattern.compile("Expected (\\w+) but was (\\w+)");

    /** How Gson writes the floats JSON has no numbers for. */
    private static final Set<String> SPECIAL_NUMBERS = Set.of("NaN", "Infinity", "-Infinity");

    /** The largest whole number a JSON number (a double) holds exactly: 2^53. */
    private static final long EXACT_WHOLE = 1L << 53;

    /** What to do about a damaged artifact entry. */
    private static final String ARTIFACT_REMEDY = "Use the registry's copy, or promote the run again.";

    private final String source;
    private final String entry;
    /** Where this object sits in the entry: empty at its root, else the fields leading to it ({@code engine.}). */
    private final String path;

    private final JsonObject object;
    /** The sentence that ends every refusal: what to do. */
    private final String remedy;

    private JsonEntry(String source, String entry, String path, JsonObject object, String remedy) {
        this.source = source;
        this.entry = entry;
        this.path = path;
        this.object = object;
        this.remedy = remedy;
    }

    /** The object {@code text} holds, {@code text} being entry {@code entry} of the artifact read from {@code source}. */
    static JsonEntry parse(String source, String entry, String text) {
        return parse(source, entry, text, ARTIFACT_REMEDY);
    }

    /**
     * The object {@code text} holds, {@code text} being {@code entry} of {@code source} (which need not be an artifact:
     * the manifest's environment is first a run's); {@code remedy} says what to do when it is damaged.
     */
    static JsonEntry parse(String source, String entry, String text, String remedy) {
        JsonElement root;
        try {
            root = UntrustedJson.parse(text);
        } catch (NotJsonException e) {
            throw new ArtifactException(
                    source + ": entry " + entry + " is damaged: it is not valid JSON, " + e.getMessage() + ". "
                            + remedy,
                    e);
        }
        if (!root.isJsonObject()) {
            throw new ArtifactException(source + ": entry " + entry + " is damaged: it holds " + describe(root)
                    + ", not a JSON object. " + remedy);
        }
        return new JsonEntry(source, entry, "", root.getAsJsonObject(), remedy);
    }

    /** Whether {@code field} holds a value: it is there, and not null. */
    public boolean has(String field) {
        JsonElement value = object.get(field);
        return value != null && !value.isJsonNull();
    }

    /** The string {@code field} holds; refused when it is missing or not a string. */
    public String string(String field) {
        JsonElement value = present(field);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw damaged(field, "is " + describe(value) + ", not a string");
        }
        return value.getAsString();
    }

    /** The string {@code field} holds, or empty when it is missing or null; refused when it is another type. */
    public Optional<String> optionalString(String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? Optional.empty() : Optional.of(string(field));
    }

    /** The object {@code field} holds; refused when it is missing or not an object. */
    public JsonEntry object(String field) {
        JsonElement value = present(field);
        if (!value.isJsonObject()) {
            throw damaged(field, "is " + describe(value) + ", not an object");
        }
        return new JsonEntry(source, entry, path + field + ".", value.getAsJsonObject(), remedy);
    }

    /** The number {@code field} holds ({@code NaN} and the infinities as Gson writes them included). */
    public double number(String field) {
        return number(present(field), field);
    }

    private double number(JsonElement value, String field) {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            return value.getAsDouble(); // the reader checked it is a number
        }
        if (value.isJsonPrimitive() && SPECIAL_NUMBERS.contains(value.getAsString())) {
            return Double.parseDouble(value.getAsString());
        }
        throw damaged(field, "is " + describe(value) + ", not a number");
    }

    /** The whole number from 0 to {@link Integer#MAX_VALUE} {@code field} holds. */
    public int count(String field) {
        return (int) whole(field, Integer.MAX_VALUE);
    }

    /** The whole number from 0 to 2^53 (the most a JSON number holds exactly) {@code field} holds: a size in bytes. */
    public long wholeNumber(String field) {
        return whole(field, EXACT_WHOLE);
    }

    private long whole(String field, long most) {
        double value = number(field);
        if (value != Math.rint(value) || value < 0 || value > most) {
            throw damaged(field, "is " + value + ", not a whole number from 0 to " + most);
        }
        return (long) value;
    }

    /** The {@code true} or {@code false} {@code field} holds. */
    public boolean flag(String field) {
        JsonElement value = present(field);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw damaged(field, "is " + describe(value) + ", not true or false");
        }
        return value.getAsBoolean();
    }

    /** The object {@code field} holds as names to numbers, in its order; a value that is not a number is refused. */
    public Map<String, Double> numbersByName(String field) {
        JsonEntry numbers = object(field);
        Map<String, Double> byName = new LinkedHashMap<>();
        numbers.names().forEach(name -> byName.put(name, numbers.number(name)));
        return byName;
    }

    /** The object {@code field} holds as names to strings, in its order; a value that is not a string is refused. */
    public Map<String, String> stringsByName(String field) {
        JsonEntry strings = object(field);
        Map<String, String> byName = new LinkedHashMap<>();
        strings.names().forEach(name -> byName.put(name, strings.string(name)));
        return byName;
    }

    /** The numbers of the array {@code field} holds ({@code NaN} and the infinities as Gson writes them included). */
    public double[] numbers(String field) {
        JsonArray array = array(field);
        double[] numbers = new double[array.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = number(array.get(i), field + "[" + i + "]");
        }
        return numbers;
    }

    /** The names of this object's fields, in its order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(object.keySet());
    }

    /** The strings of the array {@code field} holds. */
    public List<String> strings(String field) {
        List<String> strings = new ArrayList<>();
        JsonArray array = array(field);
        for (int i = 0; i < array.size(); i++) {
            JsonElement value = array.get(i);
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw damaged(field + "[" + i + "]", "is " + describe(value) + ", not a string");
            }
            strings.add(value.getAsString());
        }
        return strings;
    }

    /** The objects of the array {@code field} holds. */
    public List<JsonEntry> objects(String field) {
        List<JsonEntry> objects = new ArrayList<>();
        JsonArray array = array(field);
        for (int i = 0; i < array.size(); i++) {
            JsonElement value = array.get(i);
            if (!value.isJsonObject()) {
                throw damaged(field + "[" + i + "]", "is " + describe(value) + ", not an object");
            }
            objects.add(new JsonEntry(source, entry, path + field + "[" + i + "].", value.getAsJsonObject(), remedy));
        }
        return objects;
    }

    private JsonArray array(String field) {
        JsonElement value = present(field);
        if (!value.isJsonArray()) {
            throw damaged(field, "is " + describe(value) + ", not an array");
        }
        return value.getAsJsonArray();
    }

    private JsonElement present(String field) {
        JsonElement value = object.get(field);
        if (value == null) {
            throw damaged(field, "is missing");
        }
        return value;
    }

    /**
     * The whole object as a {@code type} that Gson builds by reflection (for entries read whole, such as the
     * architecture); a field of the wrong type is refused naming it, as Gson's path says.
     */
    public <T> T as(Class<T> type) {
        try {
            return GSON.fromJson(object, type);
        } catch (RuntimeException e) { // Gson's reasons, and whatever the type's constructor refuses
            Matcher where = GSON_PATH.matcher(gsonSays(e));
            if (where.matches() && !where.group(2).isEmpty()) {
                Matcher tokens = GSON_TOKENS.matcher(where.group(1));
                throw damaged(
                        where.group(2),
                        tokens.matches()
                                ? "is " + token(tokens.group(2)) + ", not " + token(tokens.group(1))
                                : "does not fit: " + where.group(1));
            }
            throw new ArtifactException(
                    source + ": entry " + entry + " is damaged: it does not hold a "
                            + type.getSimpleName() + " (" + gsonSays(e)
                            + "). " + remedy,
                    e);
        }
    }

    /** The damaged-artifact error for {@code field}: {@code problem} says what is wrong with it. */
    public ArtifactException damaged(String field, String problem) {
        return new ArtifactException(
                source + ": entry " + entry + " is damaged: field '" + path + field + "' " + problem + ". " + remedy);
    }

    /** Gson's reason, less the exception it wraps and its troubleshooting link. */
    private static String gsonSays(Exception e) {
        Throwable reason = e instanceof JsonParseException && e.getCause() != null ? e.getCause() : e;
        return String.valueOf(reason.getMessage()).lines().findFirst().orElse("");
    }

    /** A JSON token of Gson's, in words. */
    private static String token(String name) {
        return switch (name) {
            case "BEGIN_OBJECT" -> "an object";
            case "BEGIN_ARRAY" -> "an array";
            case "STRING" -> "a string";
            case "NUMBER" -> "a number";
            case "BOOLEAN" -> "true or false";
            case "NULL" -> "null";
            default -> name;
        };
    }

    private static String describe(JsonElement value) {
        if (value.isJsonNull()) {
            return "null";
        }
        if (value.isJsonObject()) {
            return "an object";
        }
        if (value.isJsonArray()) {
            return "an array";
        }
        String text = value.toString();
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return (value.getAsJsonPrimitive().isString() ? "the string " : "the value ") + shown;
    }
}
