package ai.lepton.runtime.input;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * How an encoded image becomes a model's pixels: decoded (PNG, JPEG, GIF, BMP), drawn at the model's height × width with
 * bilinear interpolation, as grey (1 channel) or RGB (3), scaled to [0, 1], channel-major. Training reads image folders
 * with this code and the runtime reads the images it is sent with it, so both see the same pixels.
 */
public final class ImagePixels {

    /** The file name endings of the formats the JDK decodes. */
    public static final Set<String> FILE_ENDINGS = Set.of("png", "jpg", "jpeg", "gif", "bmp");

    private ImagePixels() {}

    /** Whether a file of this name holds an image format this class decodes, by its ending. */
    public static boolean isImageFile(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 && FILE_ENDINGS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The decoded image, or null when the bytes are not an image in a format the JDK reads. */
    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) { // a damaged file can throw from inside a decoder
            return null;
        }
    }

    /**
     * {@code image} as {@code channels} (1 or 3) × height × width values in [0, 1]. A grey image's values are its own
     * grey levels (drawn grey to grey, since Java's grey-to-RGB conversion would brighten them); a colour image read as
     * grey is the luma of its RGB.
     */
    public static float[] of(BufferedImage image, int channels, int height, int width) {
        int plane = height * width;
        float[] values = new float[channels * plane];
        if (image.getColorModel().getNumColorComponents() == 1) {
            BufferedImage scaled = scaled(image, BufferedImage.TYPE_BYTE_GRAY, height, width);
            for (int at = 0; at < plane; at++) {
                float grey = scaled.getRaster().getSample(at % width, at / width, 0) / 255f;
                for (int channel = 0; channel < channels; channel++) {
                    values[channel * plane + at] = grey;
                }
            }
            return values;
        }
        BufferedImage scaled = scaled(image, BufferedImage.TYPE_INT_RGB, height, width);
        for (int at = 0; at < plane; at++) {
            int rgb = scaled.getRGB(at % width, at / width);
            float red = ((rgb >> 16) & 0xff) / 255f;
            float green = ((rgb >> 8) & 0xff) / 255f;
            float blue = (rgb & 0xff) / 255f;
            if (channels == 1) {
                values[at] = 0.299f * red + 0.587f * green + 0.114f * blue;
            } else {
                values[at] = red;
                values[plane + at] = green;
                values[2 * plane + at] = blue;
            }
        }
        return values;
    }

    private static BufferedImage scaled(BufferedImage image, int type, int height, int width) {
        BufferedImage scaled = new BufferedImage(width, height, type);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return scaled;
    }
}
