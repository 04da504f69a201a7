package ai.lepton.plot;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/** Images as PNG bytes, or as a {@code data:image/png;base64,...} URI for HTML that carries its pictures inside. */
final class PngDataUri {

    private PngDataUri() {}

    static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a PNG", e);
        }
        return png.toByteArray();
    }

    static String of(BufferedImage image) {
        return of(encode(image));
    }

    static String of(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
