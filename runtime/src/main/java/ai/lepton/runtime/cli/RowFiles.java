package ai.lepton.runtime.cli;

import ai.lepton.runtime.Prediction;
import ai.lepton.runtime.input.Field;
import ai.lepton.runtime.input.InputException;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.input.JsonRows;
import ai.lepton.runtime.input.MissingTokens;
import ai.lepton.runtime.json.NotUtf8Exception;
import ai.lepton.runtime.json.Utf8;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Rows in files, for {@code ./lepton predict}: reads CSV (a header line; numbers parsed for numeric fields; an
 * empty cell, NA, NaN, null or ? is missing, as when Lepton loads training data) or JSON Lines, both strictly UTF-8
 * (a byte that is not is refused naming its line), or an image model's
 * image files ({@link ImageFiles}), and writes predictions as JSON Lines or CSV.
 */
public final class RowFiles {

    private static final Gson GSON = new GsonBuilder()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .create();

    private RowFiles() {}

    /**
     * The rows of {@code file}: images when it is a folder, an image or a .txt list and the model reads images; JSON Lines
     * when it ends in .jsonl/.ndjson/.json; else CSV.
     */
    public static List<Map<String, Object>> read(Path file, InputSchema schema) {
        if (ImageFiles.named(file, schema)) {
            return ImageFiles.rows(file, schema);
        }
        String text;
        try {
            text = Utf8.decode(Files.readAllBytes(file));
        } catch (NotUtf8Exception e) {
            throw new InputException(file + ": " + e.getMessage() + ". Save the file as UTF-8 text.");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the rows in " + file + " ("
                            + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()) + ").",
                    e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> rows = name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")
                ? JsonRows.lines(text, file, schema)
                : csv(text, file, schema);
        return ImageFiles.resolved(rows, schema, file.toAbsolutePath().getParent());
    }

    private static List<Map<String, Object>> csv(String text, Path file, InputSchema schema) {
        List<List<String>> records = CsvRecords.parse(text, file);
        if (records.isEmpty()) {
            throw new InputException(file + " is empty: it needs a header line naming the fields.");
        }
        List<String> header = records.getFirst();
        Map<String, Field> fields = schema.fieldsByName();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.size() != header.size()) {
                throw new InputException(file + ", line " + (r + 1) + ": " + record.size()
                        + " cells, but the header has " + header.size() + ".");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String cell = record.get(c);
                Field field = fields.get(header.get(c));
                row.put(
                        header.get(c),
                        MissingTokens.DEFAULT.contains(cell)
                                ? null
                                : field != null && field.type().equals("number") ? number(cell) : cell);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object number(String cell) {
        try {
            return Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            return cell; // the schema names the field and the wrong type, with the row
        }
    }

    /**
     * Writes predictions in row order: JSON Lines, or CSV when {@code csv}; each beside the file it is for when the rows
     * came from image files.
     */
    public static String format(
            List<Prediction> predictions, List<Map<String, Object>> rows, InputSchema schema, boolean csv) {
        List<String> files = rows.stream()
                .map(row -> row.get(ImageFiles.FILE) instanceof String file ? file : null)
                .toList();
        boolean named = !files.isEmpty() && files.stream().allMatch(Objects::nonNull);
        StringBuilder out = new StringBuilder();
        if (csv) {
            out.append(named ? ImageFiles.FILE + "," : "")
                    .append(
                            schema.classification()
                                    ? "label,"
                                            + String.join(
                                                    ",",
                                                    schema.labels().stream()
                                                            .map(l -> CsvRecords.quote("p_" + l))
                                                            .toList())
                                    : "value")
                    .append('\n');
            for (int i = 0; i < predictions.size(); i++) {
                Prediction prediction = predictions.get(i);
                if (named) {
                    out.append(CsvRecords.quote(files.get(i))).append(',');
                }
                if (prediction.isClassification()) {
                    out.append(CsvRecords.quote(prediction.label()));
                    prediction
                            .probabilities()
                            .values()
                            .forEach(p -> out.append(',').append(p));
                } else {
                    out.append(prediction.value());
                }
                out.append('\n');
            }
        } else {
            for (int i = 0; i < predictions.size(); i++) {
                Map<String, Object> line = new LinkedHashMap<>();
                if (named) {
                    line.put(ImageFiles.FILE, files.get(i));
                }
                line.putAll(predictions.get(i).asMap());
                out.append(GSON.toJson(line)).append('\n');
            }
        }
        return out.toString();
    }
}
