package ai.lepton.data.prepare;

import ai.lepton.base.AtomicFiles;
import ai.lepton.base.Settings;
import ai.lepton.base.Sha256;
import ai.lepton.data.DataException;
import ai.lepton.data.Task;
import ai.lepton.runtime.input.Field;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.input.JsonRows;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw rows of a run's held-out test split, kept when the run trains so that promotion can judge the
 * packaged model on exactly those rows, in any later process. Stored once per content as JSON Lines under
 * {@code LEPTON_HOME/heldout/<sha256>.jsonl}; the run's lineage names the hash.
 */
public final class HeldOutRows {

    private static final Gson GSON =
            new GsonBuilder().serializeNulls().disableHtmlEscaping().create(); // a missing value stays a key with null

    private HeldOutRows() {}

    /** Keeps rows {@code rows} of {@code raw} and returns their hash. Writing the same rows again costs nothing. */
    public static String save(Table raw, int[] rows) {
        List<Map<String, Object>> kept = new ArrayList<>(rows.length);
        for (int row : rows) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (Column<?> column : raw.columns()) {
                values.put(column.name(), value(column, row));
            }
            kept.add(values);
        }
        return save(kept);
    }

    /** Keeps raw {@code rows} (field name to value, as the runtime takes them) and returns their hash. */
    public static String save(List<Map<String, Object>> rows) {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> row : rows) {
            text.append(GSON.toJson(row)).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        String sha = Sha256.of(bytes).hex();
        Path file = file(sha);
        try {
            if (!Files.exists(file)) {
                AtomicFiles.write(file, bytes);
            }
        } catch (IOException e) {
            throw new DataException(
                    "Cannot keep the held-out rows in " + file.getParent() + " (" + e.getMessage()
                            + "). Promotion needs them; free some space or fix the folder's permissions.",
                    e);
        }
        return sha;
    }

    /**
     * The rows kept under {@code sha}, as the runtime takes them: the fields of {@code schema} and its target; refused
     * when the file changed since.
     */
    public static List<Map<String, Object>> load(String sha, InputSchema schema) {
        Path file = file(sha);
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (!Sha256.of(bytes).hex().equals(sha)) {
                throw new DataException(
                        "The held-out rows in " + file + " changed after the run recorded them: their SHA-256 no longer"
                                + " matches. Promotion cannot judge the model on them; train the run again.");
            }
            return JsonRows.lines(new String(bytes, StandardCharsets.UTF_8), file, schema);
        } catch (IOException e) {
            throw new DataException(
                    "The run's held-out rows are not in " + file + " (" + e.getMessage() + "). Promote on the machine"
                            + " and LEPTON_HOME the run trained under, or train it again.",
                    e);
        }
    }

    /** The rows as a table the run's preparation can apply to: each column typed as the preparation expects it. */
    public static Table table(List<Map<String, Object>> rows, Preparation preparation) {
        Table table = Table.create("held-out");
        for (Field field : preparation.inputSchema().fields()) {
            table.addColumns(column(field.name(), field.type(), rows));
        }
        table.addColumns(
                column(preparation.target(), preparation.task() == Task.REGRESSION ? "number" : "category", rows));
        return table;
    }

    private static Column<?> column(String name, String type, List<Map<String, Object>> rows) {
        List<Object> values = rows.stream().map(row -> row.get(name)).toList();
        return switch (type) {
            case "number" ->
                DoubleColumn.create(
                        name,
                        values.stream()
                                .mapToDouble(v -> v == null ? Double.NaN : ((Number) v).doubleValue())
                                .toArray());
            case "date" ->
                DateColumn.create(
                        name,
                        values.stream()
                                .map(v -> v == null ? null : LocalDate.parse((String) v))
                                .toList());
            case "datetime" ->
                DateTimeColumn.create(
                        name,
                        values.stream()
                                .map(v -> v == null ? null : LocalDateTime.parse((String) v))
                                .toList());
            default ->
                StringColumn.create(
                        name,
                        values.stream()
                                .map(v -> v == null ? "" : String.valueOf(v))
                                .toList()); // "" is missing
        };
    }

    private static Object value(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return null;
        }
        if (column instanceof NumericColumn<?> numbers) {
            double value = numbers.getDouble(row);
            return value == Math.rint(value) && Math.abs(value) < 1e15 && !(column instanceof DoubleColumn)
                    ? (Object) (long) value
                    : (Object) value;
        }
        if (column instanceof BooleanColumn booleans) {
            return booleans.get(row);
        }
        if (column instanceof DateColumn || column instanceof DateTimeColumn) {
            return column.getUnformattedString(row); // ISO text
        }
        return column.getString(row);
    }

    /** The file holding the rows kept under {@code sha}. */
    public static Path file(String sha) {
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new DataException("'" + sha + "' is not the SHA-256 of held-out rows; the run's lineage is damaged.");
        }
        return Settings.HOME.get().resolve("heldout").resolve(sha + ".jsonl");
    }
}
