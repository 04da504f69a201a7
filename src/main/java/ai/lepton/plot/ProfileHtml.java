package ai.lepton.plot;

import ai.lepton.data.profile.Histogram;
import ai.lepton.data.profile.Profile;
import tech.tablesaw.api.Table;

import java.math.BigDecimal;
import java.math.MathContext;

/** A dataset profile as one compact HTML view: a row per column with its histogram, then the target's balance. */
public final class ProfileHtml {

    private static final int SPARKLINE_WIDTH = 120;
    private static final int SPARKLINE_HEIGHT = 32;

    private ProfileHtml() {}

    public static String render(Profile profile) {
        Table columns = profile.columns();
        StringBuilder html = new StringBuilder("<div class=\"lepton-profile\"><table><thead><tr>")
                .append("<th>column</th><th>type</th><th>count</th><th>missing</th><th>distinct</th>")
                .append("<th>summary</th><th>outliers</th><th>flags</th><th>distribution</th></tr></thead><tbody>");
        for (int row = 0; row < columns.rowCount(); row++) {
            String name = columns.stringColumn("column").get(row);
            html.append("<tr><th>")
                    .append(TableHtml.escape(name))
                    .append("</th>")
                    .append(cell(columns.stringColumn("type").get(row)))
                    .append(cell(String.valueOf(columns.intColumn("count").get(row))))
                    .append(cell(String.valueOf(columns.intColumn("missing").get(row))))
                    .append(cell(String.valueOf(columns.intColumn("distinct").get(row))))
                    .append(cell(summary(columns, row)))
                    .append(cell(
                            columns.intColumn("outliers").isMissing(row)
                                    ? ""
                                    : String.valueOf(
                                            columns.intColumn("outliers").get(row))))
                    .append(cell(columns.stringColumn("flags").get(row)));
            Histogram bins = profile.histograms().get(name);
            String histogram = bins == null ? null : Sparkline.histogram(bins, SPARKLINE_WIDTH, SPARKLINE_HEIGHT);
            html.append("<td>")
                    .append(
                            histogram == null
                                    ? ""
                                    : "<img alt=\"histogram of " + TableHtml.escape(name) + "\" src=\"" + histogram
                                            + "\">")
                    .append("</td></tr>");
        }
        html.append("</tbody></table><p>")
                .append(TableHtml.escape(columns.name()))
                .append(": ")
                .append(columns.rowCount())
                .append(" columns</p>");
        if (profile.target() != null) {
            html.append(TableHtml.render(profile.target()));
        }
        return html.append("</div>").toString();
    }

    private static String summary(Table columns, int row) {
        if (columns.doubleColumn("mean").isMissing(row)) {
            return columns.stringColumn("top values").get(row);
        }
        return number(columns.doubleColumn("min").get(row)) + " … "
                + number(columns.doubleColumn("max").get(row))
                + ", median " + number(columns.doubleColumn("median").get(row))
                + ", mean " + number(columns.doubleColumn("mean").get(row)) + " ± "
                + number(columns.doubleColumn("std").get(row));
    }

    /** Four significant digits without trailing zeros: 4.5, 2.872, 5200. */
    static String number(double value) {
        return BigDecimal.valueOf(value)
                .round(new MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String cell(String text) {
        return "<td>" + TableHtml.escape(text) + "</td>";
    }
}
