package ai.lepton.data.load;

import ai.lepton.data.DataException;
import ai.lepton.data.duckdb.DuckDb;
import ai.lepton.data.duckdb.DuckDbException;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Parquet files, and folders of Parquet parts (as Spark and DuckDB write them), read by DuckDB. A file is checked for
 * Parquet's marks first, so that a truncated or mislabelled file is named as such rather than by a reader's internals.
 */
final class ParquetFiles {

    private static final byte[] MARK = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private ParquetFiles() {}

    static boolean isParquet(Path path) {
        return path.getFileName().toString().toLowerCase().endsWith(".parquet") || Files.isDirectory(path);
    }

    static Table read(Path path, String tableName) {
        DataText.requireExists(path);
        List<Path> parts = parts(path);
        for (Path part : parts) {
            checkMarks(part);
        }
        String files = parts.size() == 1 && !Files.isDirectory(path)
                ? DuckDb.literal(path.toString())
                : "["
                        + String.join(
                                ", ",
                                parts.stream()
                                        .map(p -> DuckDb.literal(p.toString()))
                                        .toList()) + "]";
        try {
            return DuckDb.query("SELECT * FROM read_parquet(" + files + ", union_by_name = true)", tableName);
        } catch (DuckDbException e) {
            throw new DataException("Cannot read " + path + " as Parquet: " + e.getMessage(), e);
        }
    }

    private static List<Path> parts(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> parts = walk.filter(
                            p -> p.getFileName().toString().toLowerCase().endsWith(".parquet"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            if (parts.isEmpty()) {
                throw new DataException(path + " is a folder with no .parquet files in it. Name a data file (.csv,"
                        + " .tsv, .jsonl, .parquet) or a folder of Parquet parts.");
            }
            return parts;
        } catch (IOException e) {
            throw new DataException("Cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    /** A Parquet file starts and ends with PAR1 (its footer comes last): say which is missing. */
    private static void checkMarks(Path file) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            byte[] head = new byte[MARK.length];
            byte[] tail = new byte[MARK.length];
            if (length >= 2L * MARK.length) {
                in.readFully(head);
                in.seek(length - MARK.length);
                in.readFully(tail);
            }
            if (!Arrays.equals(head, MARK)) {
                throw new DataException(file + " is not a Parquet file (" + length + " bytes, not starting with"
                        + " Parquet's PAR1 mark). If it is CSV or JSON lines, give it that extension.");
            }
            if (!Arrays.equals(tail, MARK)) {
                throw new DataException(file + " is a truncated Parquet file: it ends (at " + length + " bytes) before"
                        + " its footer, which Parquet writes last. Copy or write it again whole.");
            }
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
