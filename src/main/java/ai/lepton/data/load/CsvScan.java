package ai.lepton.data.load;

import ai.lepton.data.DataException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One quote-aware pass over a CSV text before Tablesaw reads it: sniffs the separator, checks the
 * header, and finds ragged rows and unclosed quotes, naming their lines. It also remembers the line
 * each record starts on, so later messages about a row can name its line.
 *
 * @param separator   the separator in use
 * @param header      the column names
 * @param recordLines for each data record, the file line (1-based) it starts on
 */
record CsvScan(char separator, List<String> header, int[] recordLines) {

    private static final char[] CANDIDATES = {',', ';', '\t', '|'};
    private static final int SNIFF_LINES = 20;
    private static final int MAX_REPORTED = 3;

    static CsvScan of(Path file, String text, char separatorOrZero) {
        char separator = separatorOrZero != 0 ? separatorOrZero : sniff(text);
        List<List<String>> firstRows = new ArrayList<>();
        Walk walk = new Walk(text, separator, firstRows);
        walk.run(file);
        List<String> header = firstRows.getFirst();
        checkHeader(file, header);
        if (walk.records.isEmpty()) {
            throw new DataException(file + " has a header line but no rows of data.");
        }
        if (header.size() == 1 && separatorOrZero != 0) {
            char likely = sniff(text);
            if (likely != separator && countFields(text, likely) > 1) {
                throw new DataException("With separator " + describe(separator) + " every row of " + file
                        + " is one field;" + " the file looks separated by " + describe(likely) + ". Use --sep "
                        + cli(likely) + " (CsvOptions.builder().optSeparator(...) in code).");
            }
        }
        List<String> ragged = new ArrayList<>();
        int raggedCount = 0;
        for (int i = 0; i < walk.records.size(); i++) {
            int fields = walk.fieldCounts.get(i);
            if (fields != header.size()) {
                raggedCount++;
                if (ragged.size() < MAX_REPORTED) {
                    ragged.add("line " + walk.records.get(i) + " has " + fields
                            + (fields < header.size() ? " (too few)" : " (too many)"));
                }
            }
        }
        if (raggedCount > 0) {
            throw new DataException(file + ": the header has " + header.size() + " fields, but "
                    + String.join(", ", ragged)
                    + (raggedCount > MAX_REPORTED ? " and " + (raggedCount - MAX_REPORTED) + " more rows differ" : "")
                    + ". Fix those rows, or check the separator (" + describe(separator) + ") and quoting.");
        }
        return new CsvScan(
                separator,
                header,
                walk.records.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void checkHeader(Path file, List<String> header) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (name.isEmpty()) {
                throw new DataException(
                        file + ": column " + (i + 1) + " of the header has no name. Give every column a name.");
            }
            Integer earlier = seen.putIfAbsent(name, i);
            if (earlier != null) {
                throw new DataException(file + ": the column name '" + name + "' appears twice (columns "
                        + (earlier + 1) + " and " + (i + 1) + "). Rename one of them.");
            }
        }
    }

    /** The candidate that splits the first lines into the most fields, the same number on each; comma if none does. */
    static char sniff(String text) {
        char best = ',';
        int bestFields = 1;
        for (char candidate : CANDIDATES) {
            int fields = countFields(text, candidate);
            if (fields > bestFields) {
                best = candidate;
                bestFields = fields;
            }
        }
        return best;
    }

    /** Fields per record in the first lines with {@code separator}, or 0 if they disagree or a quote is open. */
    private static int countFields(String text, char separator) {
        List<List<String>> rows = new ArrayList<>();
        try {
            new Walk(text, separator, rows).firstRecords(SNIFF_LINES);
        } catch (DataException unbalanced) {
            return 0;
        }
        int fields = rows.getFirst().size();
        return rows.stream().allMatch(row -> row.size() == fields) ? fields : 0;
    }

    static String describe(char separator) {
        return switch (separator) {
            case '\t' -> "tab";
            case ',' -> "comma";
            case ';' -> "semicolon";
            case '|' -> "'|'";
            default -> "'" + separator + "'";
        };
    }

    private static String cli(char separator) {
        return separator == '\t' ? "'\\t'" : "'" + separator + "'";
    }

    /** The quote-aware state machine: counts fields per record and keeps the first records' fields. */
    private static final class Walk {
        private final String text;
        private final char separator;
        private final List<List<String>> keptRows;
        /** Start lines and field counts of the data records (the header is not one). */
        final List<Integer> records = new ArrayList<>();

        final List<Integer> fieldCounts = new ArrayList<>();
        private boolean headerSeen;

        Walk(String text, char separator, List<List<String>> keptRows) {
            this.text = text;
            this.separator = separator;
            this.keptRows = keptRows;
        }

        void run(Path file) {
            walk(Integer.MAX_VALUE, file);
        }

        void firstRecords(int count) {
            walk(count, null);
        }

        private void walk(int maxRecords, Path file) {
            int line = 1;
            int recordStart = 1;
            int fields = 1;
            boolean inQuotes = false;
            int quoteLine = 0;
            boolean blank = true;
            StringBuilder field = new StringBuilder();
            List<String> row = new ArrayList<>();
            boolean keep = true;
            int seen = 0;
            for (int i = 0; i < text.length() && seen < maxRecords; i++) {
                char c = text.charAt(i);
                if (inQuotes) {
                    if (c == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            if (keep) {
                                field.append('"');
                            }
                            i++;
                        } else {
                            inQuotes = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        if (keep) {
                            field.append(c);
                        }
                    }
                } else if (c == '"') {
                    inQuotes = true;
                    quoteLine = line;
                    blank = false;
                } else if (c == separator) {
                    fields++;
                    blank = false;
                    if (keep) {
                        row.add(field.toString());
                        field.setLength(0);
                    }
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    if (!blank) {
                        seen += finish(recordStart, fields, row, field, keep);
                        keep = keptRows.size() < SNIFF_LINES;
                    }
                    line++;
                    recordStart = line;
                    fields = 1;
                    blank = true;
                    row = new ArrayList<>();
                    field.setLength(0);
                } else {
                    blank = false;
                    if (keep) {
                        field.append(c);
                    }
                }
            }
            if (inQuotes && seen < maxRecords) {
                throw new DataException((file == null ? "the data" : file.toString()) + ": a quote opened on line "
                        + quoteLine + " is never closed. Close it, or double a quote that is part of a value (\"\").");
            }
            if (!blank && seen < maxRecords) {
                finish(recordStart, fields, row, field, keep);
            }
        }

        private int finish(int line, int fields, List<String> row, StringBuilder field, boolean keep) {
            if (keep) {
                row.add(field.toString());
                keptRows.add(row);
            }
            if (headerSeen) {
                records.add(line);
                fieldCounts.add(fields);
            }
            headerSeen = true;
            return 1;
        }
    }
}
