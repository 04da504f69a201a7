package ai.lepton.base;

/**
 * Text for one cell of a Markdown table. A {@code |} in it (usages such as {@code load|profile|prepare}, a category
 * named {@code a|b}) would otherwise end the cell and push the rest of the row out past the table's columns.
 */
public final class MarkdownCell {

    private MarkdownCell() {}

    /** {@code text} with its pipes escaped and its line breaks turned into spaces. */
    public static String of(Object text) {
        return String.valueOf(text).replace("|", "\\|").replaceAll("\\R", " ");
    }
}
