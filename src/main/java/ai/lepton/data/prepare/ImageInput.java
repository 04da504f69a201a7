package ai.lepton.data.prepare;

import ai.lepton.data.DataException;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.data.load.ImageSet;
import ai.lepton.runtime.input.ImageField;
import ai.lepton.runtime.input.InputSchema;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an image classifier reads: one image field of {@code channels × height × width} pixels in [0, 1]. Nothing is
 * fitted — training decoded and resized its images ({@link ImageSet#fromFolder}) with the code the runtime decodes the
 * images it is sent with — so the held-out rows keep each image's pixels and its class.
 *
 * @param field  the image's field name in the runtime's rows ({@value #FIELD})
 * @param target the class's field name ({@value #TARGET})
 * @param labels the classes in output order
 */
public record ImageInput(String field, String target, int channels, int height, int width, List<String> labels)
        implements ModelInput {

    public static final String FIELD = "image";
    public static final String TARGET = "class";
    static final String KIND = "images";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    public ImageInput {
        labels = List.copyOf(labels);
    }

    /** The input of a model trained on {@code images}. */
    public static ImageInput of(ImageSet images) {
        return new ImageInput(FIELD, TARGET, images.channels(), images.height(), images.width(), images.classes());
    }

    /** {@code images} as raw rows: each image's pixels (a list of numbers) and its class's name. */
    public List<Map<String, Object>> rows(ImageSet images) {
        int size = channels * height * width;
        List<Map<String, Object>> rows = new ArrayList<>(images.count());
        for (int i = 0; i < images.count(); i++) {
            List<Float> pixels = new ArrayList<>(size);
            for (int p = 0; p < size; p++) {
                pixels.add(images.pixels()[i * size + p]);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(field, pixels);
            row.put(target, labels.get((int) images.labels()[i]));
            rows.add(row);
        }
        return rows;
    }

    @Override
    public Task task() {
        return Task.CLASSIFICATION;
    }

    /** The one field the model reads. */
    public ImageField imageField() {
        return new ImageField(field, channels, height, width);
    }

    @Override
    public InputSchema inputSchema() {
        return new InputSchema(true, target, labels, List.of(imageField()));
    }

    @Override
    public FeatureMatrix read(List<Map<String, Object>> rows) {
        InputSchema schema = inputSchema();
        int size = schema.width();
        float[] features = new float[rows.size() * size];
        float[] classes = new float[rows.size()];
        for (int row = 0; row < rows.size(); row++) {
            schema.encode(rows.get(row), features, row * size, row);
            int index = labels.indexOf(String.valueOf(rows.get(row).get(target)));
            if (index < 0) {
                throw new DataException(
                        "Held-out image " + row + " has class '" + rows.get(row).get(target)
                                + "', which is not one of the model's (" + String.join(", ", labels) + ").");
            }
            classes[row] = index;
        }
        return new ImageSet(features, classes, rows.size(), channels, height, width, labels).toFeatureMatrix();
    }

    @Override
    public List<String> shuffledInputs() {
        return List.of();
    }

    @Override
    public String toJson() {
        JsonObject json = GSON.toJsonTree(this).getAsJsonObject();
        json.addProperty("kind", KIND);
        return GSON.toJson(json);
    }

    static ImageInput fromJson(String json) {
        ImageInput input;
        try {
            input = GSON.fromJson(json, ImageInput.class); // labels missing: the constructor's copy refuses them
        } catch (RuntimeException e) {
            throw new DataException("Not a Lepton image input: " + e.getMessage());
        }
        if (input == null || input.field() == null || input.target() == null) {
            throw new DataException("Not a Lepton image input: " + json);
        }
        return input;
    }
}
