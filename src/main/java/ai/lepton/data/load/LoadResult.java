package ai.lepton.data.load;

import tech.tablesaw.api.Table;

import java.util.List;

/**
 * A loaded table and what loading had to do to it: values that were not numbers in a numeric
 * column, infinities, columns with no values at all. Nothing is changed silently.
 *
 * @param table the data
 * @param notes one line per thing a person should know, empty when the file was clean
 */
public record LoadResult(Table table, List<String> notes) {}
