package ai.lepton.plot;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The plain-text view of a Tablesaw table (a notebook's {@code text/plain}, what a terminal or {@code nbconvert --to
 * markdown} shows): Tablesaw's layout with the cells and rows the HTML view shows ({@link TableHtml}), so a metric reads
 * 0.8507, not 0.8506944444444444, and a long table shows its first and last rows and its shape.
 */
public final class TableText {

    private static final String ELIDED = "…";

    private TableText() {}

    public static String render(Table table) {
        int rows = table.rowCount();
        boolean elided = rows > TableHtml.HEAD + TableHtml.TAIL;
        List<Integer> shown = elided
                ? IntStream.concat(IntStream.range(0, TableHtml.HEAD), IntStream.range(rows - TableHtml.TAIL, rows))
                        .boxed()
                        .toList()
                : IntStream.range(0, rows).boxed().toList();
        Table text = Table.create(table.name());
        for (int col = 0; col < table.columnCount(); col++) {
            List<String> cells = new ArrayList<>();
            for (int row : shown) {
                cells.add(TableHtml.cell(table, row, col));
            }
            if (elided) {
                cells.add(TableHtml.HEAD, ELIDED);
            }
            text.addColumns(StringColumn.create(table.column(col).name(), cells));
        }
        return text.printAll() + (elided ? "\n" + rows + " rows × " + table.columnCount() + " columns" : "");
    }
}
