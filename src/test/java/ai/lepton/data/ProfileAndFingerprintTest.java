package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.data.load.CsvOptions;
import ai.lepton.data.load.DataLoader;
import ai.lepton.data.profile.Profile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;

class ProfileAndFingerprintTest {

    private static Table penguins;

    @BeforeAll
    static void load() {
        penguins = DataLoader.csv(Path.of("..", "datasets", "penguins.csv"), CsvOptions.defaults())
                .table();
    }

    private static int row(Table profile, String column) {
        return profile.stringColumn("column").indexOf(column);
    }

    @Test
    void profilesNumbersAndCategories() {
        Profile profile = Profile.of(penguins, "species");
        Table columns = profile.columns();
        int bill = row(columns, "bill_length_mm");
        assertEquals(342, columns.intColumn("count").get(bill));
        assertEquals(2, columns.intColumn("missing").get(bill));
        assertEquals(32.1, columns.doubleColumn("min").get(bill), 1e-9);
        assertEquals(59.6, columns.doubleColumn("max").get(bill), 1e-9);
        assertEquals(43.92, columns.doubleColumn("mean").get(bill), 0.01);
        assertEquals(
                "Biscoe (168), Dream (124), Torgersen (52)",
                columns.stringColumn("top values").get(row(columns, "island")));
        assertEquals(11, columns.intColumn("missing").get(row(columns, "sex")));
        Table balance = profile.target();
        assertEquals(
                152,
                balance.intColumn("rows").get(balance.stringColumn("species").indexOf("Adelie")));
    }

    @Test
    void flagsConstantAndIdLikeColumnsAndCountsOutliers() {
        IntColumn id = IntColumn.create("id");
        IntColumn value = IntColumn.create("value");
        StringColumn constant = StringColumn.create("constant");
        for (int i = 0; i < 50; i++) {
            id.append(i);
            value.append(i == 49 ? 1000 : i % 5);
            constant.append("same");
        }
        Table columns = Profile.of(Table.create("t", id, value, constant), null).columns();
        assertEquals("id-like", columns.stringColumn("flags").get(0));
        assertEquals(1, columns.intColumn("outliers").get(1));
        assertEquals("constant", columns.stringColumn("flags").get(2));
    }

    @Test
    void anUnknownTargetIsNamed() {
        assertThrows(DataException.class, () -> Profile.of(penguins, "beak"));
    }

    @Test
    void theFingerprintIgnoresRowOrderButNotValuesOrSchema() {
        String original = Fingerprint.of(penguins);
        assertEquals(64, original.length());
        assertEquals(original, Fingerprint.of(penguins.sortDescendingOn("body_mass_g")));
        Table changed = penguins.copy();
        changed.doubleColumn("bill_length_mm").set(0, 39.2);
        assertNotEquals(original, Fingerprint.of(changed));
        Table renamed = penguins.copy();
        renamed.column("year").setName("yr");
        assertNotEquals(original, Fingerprint.of(renamed));
    }
}
