package ai.lepton.runtime.artifact;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;

/**
 * A JSON object from one of an artifact's entries, whose fields are read with their types checked: a field that is
 * missing, or of another JSON type than its reader expects, makes a damaged-artifact error naming the entry and the
 * field, never a Gson or cast exception. The entry's text is parsed once, with a nesting limit.
 */
public final class JsonEntry {

    /** Far deeper than any entry promotion writes (the manifest nests four levels). */
    static final int MAX_NESTING = 64;

    private final String source;
    private final String entry;
    /** Where this object sits in the entry: empty at its root, else the fields leading to it ({@code engine.}). */
    private final String path;

    private final JsonObject object;

    private JsonEntry(String source, String entry, String path, JsonObject object) {
        this.source = source;
        this.entry = entry;
        this.path = path;
        this.object = object;
    }

    /** The object {@code text} holds, {@code text} being entry {@code entry} of the artifact read from {@code source}. */
    static JsonEntry parse(String source, String entry, String text) {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setNestingLimit(MAX_NESTING);
            reader.setStrictness(Strictness.LENIENT); // Gson writes a NaN metric as NaN
            root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("more text follows the JSON value");
            }
        } catch (IOException | JsonParseException e) {
            throw new ArtifactException(
                    source + ": entry " + entry + " is damaged: it is not valid JSON (" + gsonSays(e)
                            + "). Use the registry's copy, or promote the run again.",
                    e);
        }
        if (!root.isJsonObject()) {
            throw new ArtifactException(source + ": entry " + entry + " is damaged: it holds " + describe(root)
                    + ", not a JSON object. Use the registry's copy, or promote the run again.");
        }
        return new JsonEntry(source, entry, "", root.getAsJsonObject());
    }

    /** The string {@code field} holds; refused when it is missing or not a string. */
    public String string(String field) {
        JsonElement value = object.get(field);
        if (value == null) {
            throw damaged(field, "is missing");
        }
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
        JsonElement value = object.get(field);
        if (value == null) {
            throw damaged(field, "is missing");
        }
        if (!value.isJsonObject()) {
            throw damaged(field, "is " + describe(value) + ", not an object");
        }
        return new JsonEntry(source, entry, path + field + ".", value.getAsJsonObject());
    }

    /** A copy of the whole object, for what is shown as recorded. */
    public JsonObject tree() {
        return object.deepCopy();
    }

    /** The damaged-artifact error for {@code field}: {@code problem} says what is wrong with it. */
    public ArtifactException damaged(String field, String problem) {
        return new ArtifactException(source + ": entry " + entry + " is damaged: field '" + path + field + "' "
                + problem + ". Use the registry's copy, or promote the run again.");
    }

    /** Gson's reason, less the exception it wraps, its JSON path (as long as the nesting) and its troubleshooting link. */
    private static String gsonSays(Exception e) {
        Throwable reason = e instanceof JsonParseException && e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(reason.getMessage()).lines().findFirst().orElse("");
        return message.replaceAll(" path \\S*$", "");
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
