package ai.lepton.plot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.stream.IntStream;

class TableTextTest {

    @Test
    void computedNumbersShowFourSignificantDigitsAndWholeNumbersAsTheyAre() {
        String text = TableText.render(Table.create(
                "m",
                DoubleColumn.create("val_accuracy", 0.9799919967987194, 0.8506944444444444),
                IntColumn.create("epochs", 12, 123456789)));
        assertTrue(text.contains("0.98 ") && text.contains("0.8507") && text.contains("123456789"), text);
        assertFalse(text.contains("0.97999") || text.contains("0.85069"), text);
    }

    @Test
    void longTablesShowTheirFirstAndLastRowsAndTheirShape() {
        String text = TableText.render(Table.create(
                "t", IntColumn.create("row", IntStream.range(0, 1000).toArray())));
        assertTrue(
                text.contains(" 9 ") && text.contains(" 995 ") && text.contains(" 999 ") && text.contains("…"), text);
        assertFalse(text.contains(" 10 ") || text.contains(" 994 "), text);
        assertTrue(text.endsWith("1000 rows × 1 columns"), text);
    }

    @Test
    void anUnnamedTableWithoutRowsShowsItsColumnsAndNoNullName() {
        String text = TableText.render(Table.create(DoubleColumn.create("val_accuracy")));
        assertTrue(text.contains("val_accuracy"), text);
        assertFalse(text.contains("null"), text);
    }
}
