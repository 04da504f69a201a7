package ai.lepton.train.pretrained;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The pretrained CNN the repository ships (models/digits-cnn-0to4), as the zip archive a URL would serve. */
public final class DigitsArchive {

    public static final Path FOLDER = Path.of("..", "models", "digits-cnn-0to4");

    private DigitsArchive() {}

    /** The folder's files in a zip, under a folder of their own as people pack them. */
    public static byte[] zip() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (String file : List.of("model-0000.params", "architecture.json")) {
                out.putNextEntry(new ZipEntry("digits/" + file));
                out.write(Files.readAllBytes(FOLDER.resolve(file)));
                out.closeEntry();
            }
        }
        return zip.toByteArray();
    }
}
