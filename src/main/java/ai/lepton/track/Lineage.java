package ai.lepton.track;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run learnt from, as its record keeps it — provenance as a typed value, in Tribuo's spirit: the dataset and its
 * fingerprint, the fitted preparation, the held-out rows promotion judges the model on, the split sizes, the labels, and
 * the pretrained model it was fine-tuned from. Training records it however the run was started; the model card,
 * promotion, explanations and plots read it.
 *
 * @param dataset            the name of the table the data was prepared from; null for other data
 * @param datasetFingerprint that table's fingerprint (content and schema, not row order); null for other data
 * @param preparation        the fitted preparation's JSON, or an image model's input; null for data Lepton did not prepare
 * @param heldOutSha256      names the raw held-out test rows kept under {@code LEPTON_HOME/heldout}; null when none
 * @param origin             what the data was when not a prepared table ("1200 training images"); else null
 * @param trainRows          training rows
 * @param validationRows     validation rows
 * @param labels             class names in index order; empty for regression
 * @param pretrained         the pretrained model the run fine-tuned, or null
 */
public record Lineage(
        String dataset,
        String datasetFingerprint,
        String preparation,
        String heldOutSha256,
        String origin,
        int trainRows,
        int validationRows,
        List<String> labels,
        String pretrained) {

    /** A run that recorded no lineage (a sweep's parent before it started, a run of an old store). */
    public static final Lineage NONE = new Lineage(null, null, null, null, null, 0, 0, List.of(), null);

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    public Lineage {
        labels = List.copyOf(labels);
    }

    /** Data Lepton prepared from a named table. */
    public static Lineage ofTable(
            String dataset,
            String fingerprint,
            String preparation,
            String heldOutSha256,
            int trainRows,
            int validationRows,
            List<String> labels) {
        return new Lineage(
                dataset, fingerprint, preparation, heldOutSha256, null, trainRows, validationRows, labels, null);
    }

    /** Images with held-out test images: {@code input} is the image input's JSON, {@code heldOutSha256} names the images. */
    public static Lineage ofImages(
            String origin, String input, String heldOutSha256, int trainRows, int validationRows, List<String> labels) {
        return new Lineage(null, null, input, heldOutSha256, origin, trainRows, validationRows, labels, null);
    }

    /** Other data: images, your own matrices; {@code origin} says what. */
    public static Lineage ofOrigin(String origin, int trainRows, int validationRows, List<String> labels) {
        return new Lineage(null, null, null, null, origin, trainRows, validationRows, labels, null);
    }

    /**
     * This lineage for a run that fine-tuned {@code model} (null: trained from scratch); a credential in it (a signed
     * URL's signature) is not kept, as the whole team reads lineages.
     */
    public Lineage withPretrained(String model) {
        return new Lineage(
                dataset,
                datasetFingerprint,
                preparation,
                heldOutSha256,
                origin,
                trainRows,
                validationRows,
                labels,
                model == null ? null : Secrets.redactParts(model));
    }

    /** Whether the run's model can be judged on held-out rows: a prepared table's test rows, or test images, were kept. */
    public boolean hasHeldOutRows() {
        return preparation != null && heldOutSha256 != null;
    }

    /** The JSON the run store keeps; keys absent for values that are null. */
    public String toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("dataset", dataset);
        json.addProperty("dataset_fingerprint", datasetFingerprint);
        json.addProperty("preparation", preparation);
        json.addProperty("heldout_sha256", heldOutSha256);
        json.addProperty("origin", origin);
        json.addProperty("train_rows", trainRows);
        json.addProperty("validation_rows", validationRows);
        json.add("labels", GSON.toJsonTree(labels));
        json.addProperty("pretrained", pretrained);
        return GSON.toJson(json);
    }

    /** Reads {@link #toJson()}; null or blank is {@link #NONE}. */
    public static Lineage fromJson(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        try {
            JsonObject object = JsonParser.parseString(json).getAsJsonObject();
            List<String> labels = new ArrayList<>();
            if (object.has("labels") && object.get("labels").isJsonArray()) {
                object.getAsJsonArray("labels").forEach(label -> labels.add(label.getAsString()));
            }
            return new Lineage(
                    text(object, "dataset"),
                    text(object, "dataset_fingerprint"),
                    text(object, "preparation"),
                    text(object, "heldout_sha256"),
                    text(object, "origin") != null ? text(object, "origin") : text(object, "images"),
                    whole(object, "train_rows"),
                    whole(object, "validation_rows"),
                    labels,
                    text(object, "pretrained"));
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            throw new TrackingException(
                    "A run's lineage is not readable JSON (" + e.getMessage() + "); the store is damaged.", e);
        }
    }

    private static String text(JsonObject object, String key) {
        return object.has(key) && !object.get(key).isJsonNull()
                ? object.get(key).getAsString()
                : null;
    }

    private static int whole(JsonObject object, String key) {
        return object.has(key) && !object.get(key).isJsonNull()
                ? object.get(key).getAsInt()
                : 0;
    }
}
