package ai.lepton.runtime.cli;

import ai.lepton.runtime.input.ImageField;
import ai.lepton.runtime.input.ImagePixels;
import ai.lepton.runtime.input.InputException;
import ai.lepton.runtime.input.InputSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Images named in the shell, for an image model's {@code ./lepton predict}: a folder (searched with its sub-folders), one
 * image file, or a {@code .txt} list of image files (one per line, relative to the list's folder). Each becomes a row
 * whose image field is the file and whose {@value #FILE} names it, so each prediction says which image it is for. Rows
 * files (CSV, JSON Lines) may name image files in the image field too.
 */
final class ImageFiles {

    /** The row key, and the output column, naming each image's file. */
    static final String FILE = "file";

    private ImageFiles() {}

    /** Whether {@code input} names images rather than a rows file, for a model that reads {@code schema}. */
    static boolean named(Path input, InputSchema schema) {
        String name = input.getFileName() == null ? "" : input.getFileName().toString();
        return imageField(schema) != null
                && (Files.isDirectory(input)
                        || ImagePixels.isImageFile(name)
                        || name.toLowerCase(Locale.ROOT).endsWith(".txt"));
    }

    /** One row per image {@code input} names, in file-name order for a folder, in the list's order for a list. */
    static List<Map<String, Object>> rows(Path input, InputSchema schema) {
        List<Path> files;
        if (Files.isDirectory(input)) {
            try (Stream<Path> found = Files.walk(input)) {
                files = found.filter(Files::isRegularFile)
                        .filter(file ->
                                ImagePixels.isImageFile(file.getFileName().toString()))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the images in " + input + ": " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new InputException(input + " holds no image files (" + String.join(", ", ImagePixels.FILE_ENDINGS)
                        + "), in it or its sub-folders.");
            }
        } else if (ImagePixels.isImageFile(input.getFileName().toString())) {
            files = List.of(input);
        } else {
            files = listed(input);
        }
        String field = imageField(schema).name();
        List<Map<String, Object>> rows = new ArrayList<>(files.size());
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new InputException("No image file " + file + ".");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(field, file);
            row.put(FILE, file.toString());
            rows.add(row);
        }
        return rows;
    }

    /** {@code rows} (read from a file in {@code folder}) with image-field values that name image files as those files. */
    static List<Map<String, Object>> resolved(List<Map<String, Object>> rows, InputSchema schema, Path folder) {
        ImageField image = imageField(schema);
        if (image == null) {
            return rows;
        }
        for (Map<String, Object> row : rows) {
            if (row.get(image.name()) instanceof String text && ImagePixels.isImageFile(text)) {
                row.put(image.name(), folder.resolve(text));
            }
        }
        return rows;
    }

    private static List<Path> listed(Path list) {
        List<String> lines;
        try {
            lines = Files.readAllLines(list);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the list of images " + list + " (" + e.getMessage() + ").", e);
        }
        Path folder = list.toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        for (int line = 0; line < lines.size(); line++) {
            String name = lines.get(line).strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!ImagePixels.isImageFile(name)) {
                throw new InputException(list + ", line " + (line + 1) + ": '" + name + "' is not an image file (one"
                        + " of " + String.join(", ", ImagePixels.FILE_ENDINGS) + ").");
            }
            files.add(folder.resolve(name));
        }
        if (files.isEmpty()) {
            throw new InputException(list + " lists no image files; give one path per line.");
        }
        return files;
    }

    private static ImageField imageField(InputSchema schema) {
        return schema.fields().stream()
                .filter(ImageField.class::isInstance)
                .map(ImageField.class::cast)
                .findFirst()
                .orElse(null);
    }
}
