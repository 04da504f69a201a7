package ai.lepton.kernel;

/** Blanks magic lines out of a cell, keeping every offset, so Java tooling sees only the Java. */
final class MagicLines {

    private MagicLines() {}

    static String blank(String cell) {
        StringBuilder out = new StringBuilder(cell.length());
        for (String line : cell.split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(line.stripLeading().startsWith("%") ? " ".repeat(line.length()) : line);
        }
        return out.toString();
    }
}
