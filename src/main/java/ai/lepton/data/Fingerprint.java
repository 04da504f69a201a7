package ai.lepton.data;

import ai.lepton.base.Sha256;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A SHA-256 fingerprint of a table's content and schema, recorded for lineage.
 *
 * <p>Decision: the fingerprint does <em>not</em> depend on row order (a re-sorted export of the
 * same data is the same dataset), but does depend on column names, types and order (a model reads
 * its features in order) and on every value. Each row is hashed on its own, the row hashes are
 * sorted, and the schema and the sorted hashes are hashed together.
 */
public final class Fingerprint {

    private static final byte MISSING = 0;
    private static final byte SEPARATOR = 0x1f;

    private Fingerprint() {}

    public static String of(Table table) {
        MessageDigest rowDigest = Sha256.newDigest();
        byte[][] rows = new byte[table.rowCount()][];
        for (int row = 0; row < rows.length; row++) {
            for (Column<?> column : table.columns()) {
                rowDigest.update(canonical(column, row));
                rowDigest.update(SEPARATOR);
            }
            rows[row] = rowDigest.digest();
        }
        Arrays.sort(rows, Arrays::compare);
        MessageDigest digest = Sha256.newDigest();
        for (Column<?> column : table.columns()) {
            digest.update((column.name() + ":" + column.type().name() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] row : rows) {
            digest.update(row);
        }
        return Sha256.of(digest).hex();
    }

    private static byte[] canonical(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return new byte[] {MISSING};
        }
        // numbers by value, so 1.50 and 1.5 in the file are the same number
        String text = column instanceof NumericColumn<?> numbers
                ? Double.toString(numbers.getDouble(row))
                : column.getString(row);
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
