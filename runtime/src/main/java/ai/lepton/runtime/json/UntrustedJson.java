package ai.lepton.runtime.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON that came from outside (a request body, a row file, an artifact entry), read one way: leniently, as Gson's
 * {@code JsonParser} always read it ({@code NaN}, unquoted names), and nested at most {@link #MAX_NESTING} levels, so
 * that a small body of brackets cannot exhaust the stack. Whatever is wrong becomes a {@link NotJsonException} whose
 * message is a short phrase, never Gson's trace, path or troubleshooting link.
 */
public final class UntrustedJson {

    /**
     * How deep arrays and objects may nest. Rows, manifests, schemas and tensor headers nest a few levels (an image's
     * pixels three); a body nested thousands deep is an attack. Gson's own default is 255.
     */
    public static final int MAX_NESTING = 64;

    /** Gson's "at line L column C" in its messages. */
    private static final Pattern LOCATION = Pattern.compile(" at line (\\d+) column (\\d+)");

    private UntrustedJson() {}

    /** A reader of {@code in}, lenient and nesting at most {@link #MAX_NESTING} levels. */
    public static JsonReader reader(Reader in) {
        JsonReader reader = new JsonReader(in);
        reader.setStrictness(Strictness.LENIENT);
        reader.setNestingLimit(MAX_NESTING);
        return reader;
    }

    /** The one JSON value {@code text} holds; empty text, malformed text or more after the value is refused. */
    public static JsonElement parse(String text) {
        JsonReader reader = reader(new StringReader(text));
        try {
            first(reader);
            JsonElement value = element(reader);
            end(reader);
            return value;
        } catch (IOException e) { // a StringReader fails no other way
            throw notJson(e);
        }
    }

    /** What the text of {@code reader} begins with; text of nothing but whitespace is refused. */
    public static JsonToken first(JsonReader reader) throws IOException {
        try {
            return reader.peek();
        } catch (EOFException e) { // Gson's word for an empty document
            throw new NotJsonException("it is empty", e);
        }
    }

    /** The next value of {@code reader} as a tree. */
    public static JsonElement element(JsonReader reader) throws IOException {
        try {
            return JsonParser.parseReader(reader);
        } catch (JsonParseException e) { // Gson wraps what the reader threw
            if (e.getCause() instanceof IOException cause && !isMalformed(cause)) {
                throw cause; // the stream failed, not the JSON
            }
            if (e.getCause() instanceof Error error) { // memory ran out: not the text's fault
                throw error;
            }
            throw notJson(e.getCause() instanceof Exception cause ? cause : e);
        }
    }

    /** Refuses anything but whitespace after the value {@code reader} has read. */
    public static void end(JsonReader reader) throws IOException {
        if (reader.peek() != JsonToken.END_DOCUMENT) {
            throw new NotJsonException("more follows the end of its value" + location(reader.toString()), null);
        }
    }

    /**
     * Whether {@code e}, from a {@link JsonReader}, says the text is not JSON ({@link MalformedJsonException}, or an
     * {@link EOFException}: it ended inside a value) rather than that the stream under it failed.
     */
    public static boolean isMalformed(IOException e) {
        return e instanceof MalformedJsonException || e instanceof EOFException;
    }

    /** What Gson said is wrong with the text, as a {@link NotJsonException} with a short phrase. */
    public static NotJsonException notJson(Exception e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse(""); // not the troubleshooting link
        String where = location(message);
        if (message.startsWith("Nesting limit")) {
            return new NotJsonException("it nests deeper than " + MAX_NESTING + " levels" + where, e);
        }
        if (e instanceof EOFException) {
            return new NotJsonException("it ends inside a value" + where, e);
        }
        String what = LOCATION.matcher(message)
                .replaceFirst("")
                .replaceFirst(" path \\$.*", "")
                .strip();
        return new NotJsonException(
                (what.isEmpty() ? "it is malformed" : Character.toLowerCase(what.charAt(0)) + what.substring(1))
                        + where,
                e);
    }

    /** " (line L, column C)" from Gson's text, or nothing. */
    private static String location(String gsonText) {
        Matcher at = LOCATION.matcher(gsonText);
        return at.find() ? " (line " + at.group(1) + ", column " + at.group(2) + ")" : "";
    }
}
