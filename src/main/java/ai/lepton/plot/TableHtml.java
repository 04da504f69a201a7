package ai.lepton.plot;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.Table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A compact HTML view of a Tablesaw table: the first and last rows when it is long, its shape,
 * and every cell escaped. Colours come from the page, so it reads in light and dark themes.
 */
public final class TableHtml {

    static final int HEAD = 10;
    static final int TAIL = 5;

    private TableHtml() {}

    public static String render(Table table) {
        int rows = table.rowCount();
        boolean elided = rows > HEAD + TAIL;
        StringBuilder html = new StringBuilder("<div class=\"lepton-table\"><table><thead><tr><th></th>");
        for (String name : table.columnNames()) {
            html.append("<th>").append(escape(name)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        if (elided) {
            appendRows(html, table, 0, HEAD);
            html.append("<tr><td>…</td>");
            html.append("<td>…</td>".repeat(table.columnCount()));
            html.append("</tr>");
            appendRows(html, table, rows - TAIL, rows);
        } else {
            appendRows(html, table, 0, rows);
        }
        html.append("</tbody></table><p>")
                .append(escape(table.name() == null ? "" : table.name() + ": "))
                .append(rows)
                .append(" rows × ")
                .append(table.columnCount())
                .append(" columns</p></div>");
        return html.toString();
    }

    private static void appendRows(StringBuilder html, Table table, int from, int to) {
        for (int row = from; row < to; row++) {
            html.append("<tr><th>").append(row).append("</th>");
            for (int col = 0; col < table.columnCount(); col++) {
                html.append("<td>").append(escape(cell(table, row, col))).append("</td>");
            }
            html.append("</tr>");
        }
    }

    /** A cell as text; a computed number (a metric, a mean) rounded to 4 significant digits. */
    static String cell(Table table, int row, int col) {
        if (table.column(col) instanceof NumberColumn<?, ?> numbers
                && !(numbers instanceof IntColumn || numbers instanceof LongColumn || numbers instanceof ShortColumn)
                && !numbers.isMissing(row)) {
            return number(numbers.getDouble(row));
        }
        return table.getString(row, col);
    }

    /**
     * {@code value} as typed data shows it when it has at most 6 significant digits (39.1, 3750.5), else rounded to 4
     * (0.9799919967987194 → 0.98, 7.628333333333334 → 7.628), never rounding away digits before the point.
     */
    static String number(double value) {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            return String.valueOf(value);
        }
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (exact.precision() <= 6) {
            return exact.scale() <= 0 ? exact.toBigInteger().toString() : exact.toPlainString();
        }
        int whole = Math.max(0, exact.precision() - exact.scale());
        return exact.round(new MathContext(Math.max(4, whole), RoundingMode.HALF_EVEN))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
