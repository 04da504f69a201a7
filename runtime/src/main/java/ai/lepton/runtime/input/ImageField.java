package ai.lepton.runtime.input;

import ai.lepton.runtime.artifact.ArtifactLimits;
import ai.lepton.runtime.artifact.JsonEntry;
import com.google.gson.JsonObject;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An image the model reads as {@code channels × height × width} pixels in [0, 1]. Its value may be an encoded image
 * (PNG, JPEG, GIF or BMP: bytes, a file {@link Path}, a {@link BufferedImage}, or base64 text as JSON carries it, with
 * or without a {@code data:image/...;base64,} prefix), decoded and resized as training read its image folders; or the
 * pixels themselves (a float or double array, or a list of numbers, flat or nested channel, row, column). An image is
 * never missing: null is refused.
 */
public record ImageField(String name, int channels, int height, int width) implements Field {

    @Override
    public String type() {
        return "image";
    }

    @Override
    public int width() {
        return channels * height * width;
    }

    /** "1×8×8 (grey)". */
    public String shape() {
        return channels + "×" + height + "×" + width + (channels == 1 ? " (grey)" : channels == 3 ? " (RGB)" : "");
    }

    @Override
    public void write(Object value, float[] out, int offset, String where) {
        float[] pixels = pixels(value, where);
        System.arraycopy(pixels, 0, out, offset, pixels.length);
    }

    private float[] pixels(Object value, String where) {
        return switch (value) {
            case null ->
                throw new InputException(where + "field '" + name + "' is missing an image. Give the image's bytes,"
                        + " base64 text of a PNG or JPEG file, or its " + shape() + " pixels in [0, 1].");
            case byte[] bytes -> decoded(bytes, where, "the bytes");
            case Path file -> decoded(read(file, where), where, file.toString());
            case BufferedImage image -> ImagePixels.of(image, channels, height, width);
            case CharSequence text -> decoded(base64(text.toString(), where), where, "the base64 text");
            case float[] floats -> checked(floats, where);
            case double[] doubles -> {
                float[] floats = new float[doubles.length];
                for (int i = 0; i < doubles.length; i++) {
                    floats[i] = (float) doubles[i];
                }
                yield checked(floats, where);
            }
            case List<?> list -> {
                List<Number> flat = new ArrayList<>(width());
                flatten(list, flat, where);
                float[] floats = new float[flat.size()];
                for (int i = 0; i < floats.length; i++) {
                    floats[i] = flat.get(i).floatValue();
                }
                yield checked(floats, where);
            }
            default ->
                throw new InputException(where + "field '" + name + "' is an image, but got "
                        + NumberField.describe(value) + ". Give the image's bytes, base64 text of a PNG or JPEG"
                        + " file, or its " + shape() + " pixels in [0, 1].");
        };
    }

    private float[] decoded(byte[] bytes, String where, String what) {
        BufferedImage image = ImagePixels.decode(bytes);
        if (image == null) {
            throw new InputException(where + "field '" + name + "': " + what + " (" + bytes.length
                    + " bytes) cannot be decoded as an image. Send a PNG, JPEG, GIF or BMP file's bytes.");
        }
        return ImagePixels.of(image, channels, height, width);
    }

    private byte[] read(Path file, String where) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(
                    where + "field '" + name + "': cannot read the image file " + file + " (" + e.getMessage() + ").");
        }
    }

    private byte[] base64(String text, String where) {
        String data = text.startsWith("data:") && text.contains(",") ? text.substring(text.indexOf(',') + 1) : text;
        try {
            return Base64.getDecoder().decode(data.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new InputException(where + "field '" + name + "' is an image; text must be a PNG or JPEG file in"
                    + " base64 (" + e.getMessage() + ").");
        }
    }

    private void flatten(List<?> list, List<Number> out, String where) {
        for (Object item : list) {
            if (item instanceof List<?> inner) {
                flatten(inner, out, where);
            } else if (item instanceof Number number) {
                out.add(number);
            } else {
                throw notAPixel(item, where);
            }
        }
    }

    private float[] checked(float[] pixels, String where) {
        if (pixels.length != width()) {
            String fits = pixels.length % (height * width) == 0
                    ? " (" + pixels.length / (height * width) + " channels of " + height + "×" + width + ")"
                    : "";
            throw new InputException(
                    where + "field '" + name + "' has " + pixels.length + " pixel values" + fits + readsOnly());
        }
        for (int i = 0; i < pixels.length; i++) {
            if (!(pixels[i] >= 0 && pixels[i] <= 1)) {
                throw new InputException(where + "field '" + name + "': pixel " + i + " is " + pixels[i]
                        + "; the model reads values from 0 to 1 (divide 0–255 values by 255).");
            }
        }
        return pixels;
    }

    /** The error for a pixel value that is not a number. */
    InputException notAPixel(Object value, String where) {
        return new InputException(where + "field '" + name + "': pixel values must be numbers, but got "
                + NumberField.describe(value) + ".");
    }

    /** The error for an array of pixels that runs past the {@link #width} the model reads, at the first value past. */
    InputException tooManyPixels(String where) {
        return new InputException(
                where + "field '" + name + "' has more than " + width() + " pixel values" + readsOnly());
    }

    private String readsOnly() {
        return ", but the model reads " + shape() + " = " + width() + ". Resize the image, or send the encoded file and"
                + " let the model resize it.";
    }

    /** This field as {@code schema.json} holds it ({@link InputSchema#toJson}). */
    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("name", name);
        json.addProperty("type", type());
        json.addProperty("channels", channels);
        json.addProperty("height", height);
        json.addProperty("width", width);
        return json;
    }

    /** Reads an image field of an artifact's schema: each size at least 1, the pixel values a row may have at most. */
    static ImageField fromJson(JsonEntry json) {
        int channels = size(json, "channels");
        int height = size(json, "height");
        int width = size(json, "width");
        long values = (long) channels * height; // fits a long; so does that, when at most MAX_FEATURES, times width
        if (values > ArtifactLimits.MAX_FEATURES || values * width > ArtifactLimits.MAX_FEATURES) {
            throw json.damaged(
                    "channels",
                    "is " + channels + ", and with height " + height + " and width " + width + " an image has more"
                            + " pixel values than the " + ArtifactLimits.MAX_FEATURES + " features a row may have");
        }
        return new ImageField(json.string("name"), channels, height, width);
    }

    private static int size(JsonEntry json, String field) {
        int size = json.count(field);
        if (size < 1) {
            throw json.damaged(field, "is 0, and an image has at least one");
        }
        return size;
    }
}
