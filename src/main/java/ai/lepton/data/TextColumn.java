package ai.lepton.data;

/**
 * A free-text column of prepared rows, kept as the strings it holds.
 *
 * @param name   the column's name
 * @param values one per row; null where the row has no text
 */
public record TextColumn(String name, String[] values) {}
