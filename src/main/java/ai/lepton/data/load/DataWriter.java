package ai.lepton.data.load;

import ai.lepton.base.AtomicFiles;
import ai.lepton.data.DataException;
import ai.lepton.data.duckdb.DuckDb;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a table as Parquet, CSV or TSV (by the file's extension) with DuckDB's writer. The file appears whole or not
 * at all: it is written beside its place and renamed over it.
 */
public final class DataWriter {

    private DataWriter() {}

    public static void save(Table table, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String format;
        if (name.endsWith(".parquet")) {
            format = "FORMAT parquet";
        } else if (name.endsWith(".csv")) {
            format = "FORMAT csv, HEADER true";
        } else if (name.endsWith(".tsv")) {
            format = "FORMAT csv, HEADER true, DELIMITER '\t'";
        } else {
            throw new DataException("Cannot save " + table.name() + " as " + file + ": the extension says the format,"
                    + " and Lepton writes .parquet, .csv or .tsv.");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new DataException("Cannot save " + table.name() + " to " + file + ": there is no folder " + folder
                    + ". Create it first (mkdir -p " + folder + ") or save somewhere else.");
        }
        try {
            AtomicFiles.writeWith(file, temporary -> DuckDb.copy(table, temporary, format));
        } catch (IOException e) {
            throw new DataException("Cannot save " + table.name() + " to " + file + ": " + e.getMessage(), e);
        }
    }
}
