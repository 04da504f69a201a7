package ai.lepton.data.prepare;

import ai.lepton.data.DataException;
import ai.lepton.data.FeatureMatrix;
import ai.lepton.data.Task;
import ai.lepton.data.TextColumn;
import ai.lepton.runtime.input.CategoryField;
import ai.lepton.runtime.input.DateField;
import ai.lepton.runtime.input.Field;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.input.NumberField;
import ai.lepton.runtime.input.TextField;
import ai.lepton.runtime.input.TimePart;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fitted preparation: the recipe and every statistic it learnt from the training split. Immutable,
 * serialized as JSON, and applied the same way to training data and to raw rows at predict time.
 *
 * @param spec        the recipe
 * @param columns     the feature columns, in the order their features appear
 * @param numeric     fitted numeric columns by name
 * @param categorical fitted text columns by name
 * @param dates       fitted date columns by name (one feature per date part)
 * @param target      the target column
 * @param task        classification or regression
 * @param labels      the class labels in index order (classification), empty for regression
 */
public record Preparation(
        PrepareOptions spec,
        List<String> columns,
        Map<String, NumericFeature> numeric,
        Map<String, CategoricalFeature> categorical,
        Map<String, DateFeature> dates,
        String target,
        Task task,
        List<String> labels)
        implements ModelInput {

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .create();

    public Preparation {
        columns = List.copyOf(columns);
        numeric = Map.copyOf(numeric);
        categorical = Map.copyOf(categorical);
        dates = dates == null ? Map.of() : Map.copyOf(dates); // JSON written before date parts existed has none
        labels = List.copyOf(labels);
    }

    /** The names of the features this preparation produces, in order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (String column : columns) {
            if (numeric.containsKey(column)) {
                names.add(column);
            } else if (dates.containsKey(column)) {
                names.addAll(dates.get(column).names());
            } else {
                names.addAll(categorical.get(column).names());
            }
        }
        return names;
    }

    /** The free-text columns, which stay text for a language model's tokenizer (empty for tabular data). */
    public List<String> textColumns() {
        return spec.text();
    }

    /** Raw rows, typed as this preparation expects its columns, prepared as a table would be. */
    @Override
    public FeatureMatrix read(List<Map<String, Object>> rows) {
        return apply(HeldOutRows.table(rows, this));
    }

    /** Every input column, the text ones too (a text shuffled across rows: the model reads another row's text). */
    @Override
    public List<String> shuffledInputs() {
        List<String> inputs = new ArrayList<>(columns);
        inputs.addAll(textColumns());
        return inputs;
    }

    /** Prepares {@code table}'s rows; labels are filled when the table has the target column. */
    public FeatureMatrix apply(Table table) {
        for (String column : textColumns()) {
            if (!table.containsColumn(column)) {
                throw new DataException("The table has no text column '" + column
                        + "', which this preparation reads. It has: " + String.join(", ", table.columnNames()) + ".");
            }
        }
        for (String column : columns) {
            if (!table.containsColumn(column)) {
                throw new DataException("The table has no column '" + column
                        + "', which this preparation needs. It has: " + String.join(", ", table.columnNames()) + ".");
            }
        }
        List<String> names = featureNames();
        int rows = table.rowCount();
        float[] features = new float[rows * names.size()];
        int offset = 0;
        for (String name : columns) {
            Column<?> column = table.column(name);
            if (numeric.containsKey(name)) {
                writeNumeric(numeric.get(name), column, features, offset, names.size());
                offset++;
            } else if (dates.containsKey(name)) {
                DateFeature date = dates.get(name);
                for (int part = 0; part < date.parts().size(); part++) {
                    writeNumeric(
                            date.features().get(part),
                            date.parts().get(part).extract(column),
                            features,
                            offset,
                            names.size());
                    offset++;
                }
            } else {
                CategoricalFeature feature = categorical.get(name);
                for (int row = 0; row < rows; row++) {
                    feature.write(
                            column.isMissing(row) ? null : column.getString(row),
                            features,
                            row * names.size() + offset,
                            spec.unseen(),
                            row);
                }
                offset += feature.width();
            }
        }
        float[] labels = table.containsColumn(target) ? labels(table.column(target)) : null;
        return new FeatureMatrix(features, labels, rows, names, texts(table));
    }

    private List<TextColumn> texts(Table table) {
        List<TextColumn> texts = new ArrayList<>();
        for (String name : textColumns()) {
            Column<?> column = table.column(name);
            String[] values = new String[column.size()];
            for (int row = 0; row < values.length; row++) {
                values[row] = column.isMissing(row) ? null : column.getString(row);
            }
            texts.add(new TextColumn(name, values));
        }
        return texts;
    }

    private void writeNumeric(NumericFeature feature, Column<?> column, float[] out, int offset, int width) {
        if (!(column instanceof NumericColumn<?> numbers)) {
            throw new DataException("Column '" + column.name() + "' should be numeric but holds text (for example '"
                    + column.getString(0) + "'). Give it numbers, as when the preparation was fitted.");
        }
        for (int row = 0; row < numbers.size(); row++) {
            double raw = numbers.isMissing(row) ? Double.NaN : numbers.getDouble(row);
            if (Double.isNaN(raw) && Double.isNaN(feature.fill())) {
                throw new DataException(
                        "Row " + row + " has no value in '" + feature.column() + "', and this preparation drops"
                                + " such rows instead of filling them. Give the row a value.");
            }
            out[row * width + offset] = feature.transform(raw);
        }
    }

    private float[] labels(Column<?> column) {
        float[] values = new float[column.size()];
        for (int row = 0; row < values.length; row++) {
            if (column.isMissing(row)) {
                throw new DataException("Row " + row + " has no value in the target '" + target + "'.");
            }
            if (task == Task.REGRESSION) {
                values[row] = (float) ((NumericColumn<?>) column).getDouble(row);
            } else {
                int index = labels.indexOf(column.getString(row));
                if (index < 0) {
                    throw new DataException("Row " + row + ": target label '" + column.getString(row)
                            + "' was not in the training" + " split (labels: " + String.join(", ", labels) + ").");
                }
                values[row] = index;
            }
        }
        return values;
    }

    /**
     * What a model trained on this preparation takes, with every fitted statistic: the runtime's {@code schema.json}. Its
     * text fields come last, after those that become features.
     */
    @Override
    public InputSchema inputSchema() {
        List<Field> fields = new ArrayList<>();
        for (String column : columns) {
            if (numeric.containsKey(column)) {
                fields.add(numberField(numeric.get(column)));
            } else if (dates.containsKey(column)) {
                DateFeature date = dates.get(column);
                fields.add(new DateField(
                        column,
                        date.parts().contains(DatePart.HOUR),
                        date.parts().stream()
                                .map(part -> TimePart.valueOf(part.name()))
                                .toList(),
                        date.features().stream().map(Preparation::numberField).toList()));
            } else {
                CategoricalFeature feature = categorical.get(column);
                fields.add(new CategoryField(
                        column,
                        feature.fill(),
                        feature.categories(),
                        feature.encode() == PrepareOptions.Encode.ONEHOT,
                        spec.unseen() == PrepareOptions.Unseen.ERROR));
            }
        }
        textColumns().forEach(column -> fields.add(new TextField(column)));
        return new InputSchema(task == Task.CLASSIFICATION, target, labels, fields);
    }

    private static NumberField numberField(NumericFeature feature) {
        return new NumberField(
                feature.column(),
                feature.fill(),
                feature.low(),
                feature.high(),
                feature.center(),
                feature.scale(),
                feature.min() == null ? Double.NaN : feature.min(),
                feature.max() == null ? Double.NaN : feature.max());
    }

    @Override
    public String toJson() {
        return GSON.toJson(this);
    }

    public static Preparation fromJson(String json) {
        Preparation preparation;
        try {
            preparation = GSON.fromJson(json, Preparation.class);
        } catch (RuntimeException e) { // malformed JSON, or fields missing for the record's constructor
            throw new DataException("Not a Lepton preparation: " + e.getMessage());
        }
        if (preparation == null || preparation.spec() == null) {
            throw new DataException("Not a Lepton preparation: the JSON has no spec.");
        }
        return preparation;
    }
}
