package ai.lepton.data.load;

import ai.lepton.base.Suggestions;
import ai.lepton.data.DataException;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.nio.file.Path;
import java.util.Map;

/**
 * Gives columns the types the user asked for. The loader reads overridden columns as text, so
 * nothing is lost to a wrong guess first (leading zeros, for one); this converts each cell and names
 * the file, line and column of the first one that does not fit.
 */
final class SchemaOverride {

    private SchemaOverride() {}

    static void apply(Path file, Table table, Map<String, ColumnKind> types, int[] recordLines) {
        for (Map.Entry<String, ColumnKind> override : types.entrySet()) {
            String name = override.getKey();
            if (!table.containsColumn(name)) {
                throw new DataException(file + ": the column types name '" + name
                        + "', which is not a column." + Suggestions.didYouMean("", name, table.columnNames())
                        + " Columns: "
                        + String.join(", ", table.columnNames()) + ".");
            }
            table.replaceColumn(name, convert(file, table.column(name), override.getValue(), recordLines));
        }
    }

    @SuppressWarnings("unchecked")
    private static Column<?> convert(Path file, Column<?> source, ColumnKind kind, int[] recordLines) {
        Column<Object> target = (Column<Object>) kind.emptyColumn(source.name());
        for (int row = 0; row < source.size(); row++) {
            if (source.isMissing(row)) {
                target.appendMissing();
                continue;
            }
            String text = source.getString(row);
            try {
                target.append(kind.parse(text));
            } catch (RuntimeException e) { // NumberFormatException, DateTimeParseException, IllegalArgumentException
                throw new DataException(
                        file + ": line " + recordLines[row] + ", column '" + source.name() + "': '" + text
                                + "' is not " + kind.example() + ", as the column type " + source.name() + "=" + kind
                                + " asks. Fix the value, or give the column another type.");
            }
        }
        return target;
    }
}
