package ai.lepton.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableHtmlTest {

    private static Table table(int rows) {
        StringColumn names = StringColumn.create("na<me>");
        IntColumn values = IntColumn.create("value");
        for (int i = 0; i < rows; i++) {
            names.append("r" + i + (i == 1 ? " & <b>bold</b>" : ""));
            values.append(i);
        }
        return Table.create("t", names, values);
    }

    @Test
    void shortTablesShowEveryRowAndTheirShape() {
        String html = TableHtml.render(table(3));
        assertTrue(html.contains("3 rows × 2 columns"), html);
        assertTrue(html.contains("r2"));
        assertFalse(html.contains("…"));
    }

    @Test
    void longTablesShowHeadAndTail() {
        String html = TableHtml.render(table(1000));
        assertTrue(html.contains("r9<") && html.contains("r995") && html.contains("r999"));
        assertFalse(html.contains(">r10<") || html.contains(">r994<"));
        assertTrue(html.contains("…"));
    }

    @Test
    void escapesColumnNamesAndCells() {
        String html = TableHtml.render(table(2));
        assertTrue(html.contains("na&lt;me&gt;"));
        assertTrue(html.contains("r1 &amp; &lt;b&gt;bold&lt;/b&gt;"));
        assertFalse(html.contains("<b>bold"));
    }

    @Test
    void computedNumbersShowFourSignificantDigitsAndDataAsItIs() {
        assertEquals("0.98", TableHtml.number(0.9799919967987194));
        assertEquals("7.628", TableHtml.number(7.628333333333334));
        assertEquals("39.1", TableHtml.number(39.1));
        assertEquals("3750.5", TableHtml.number(3750.5));
        assertEquals("12", TableHtml.number(12.0));
        assertEquals("12345679", TableHtml.number(12345678.91));
        assertEquals("0.0001235", TableHtml.number(1.2345678e-4));
        String html = TableHtml.render(Table.create(
                "m", DoubleColumn.create("val_accuracy", 0.9799919967987194), IntColumn.create("epochs", new int[] {12
                })));
        assertTrue(html.contains("<td>0.98</td>") && html.contains("<td>12</td>"), html);
    }

    @Test
    void escapeCoversQuotes() {
        assertEquals("&quot;a&#39;", TableHtml.escape("\"a'"));
    }
}
