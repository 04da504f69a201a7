package ai.lepton.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cell into its segments, IPython style: a cell that starts with {@code %%name} is one cell
 * magic; otherwise each line starting with {@code %} is a line magic and the lines between them are Java.
 */
public final class CellParser {

    private CellParser() {}

    public static List<CellSegment> parse(String cell) {
        String trimmed = cell.stripLeading();
        if (trimmed.startsWith("%%")) {
            int newline = trimmed.indexOf('\n');
            String header = newline < 0 ? trimmed.substring(2) : trimmed.substring(2, newline);
            String body = newline < 0 ? "" : trimmed.substring(newline + 1);
            List<String> words = MagicArgs.split(header);
            if (words.isEmpty()) {
                throw new MagicException("A cell magic needs a name after %%, as in %%html.");
            }
            return List.of(new CellSegment.CellMagic(words.getFirst(), words.subList(1, words.size()), body));
        }
        List<CellSegment> segments = new ArrayList<>();
        String[] lines = cell.split("\n", -1);
        StringBuilder java = new StringBuilder();
        boolean javaHasCode = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.stripLeading().startsWith("%")) {
                if (javaHasCode) {
                    segments.add(new CellSegment.Java(java.toString()));
                    javaHasCode = false;
                }
                java.setLength(0);
                java.append("\n".repeat(i + 1));
                List<String> words = MagicArgs.split(line.stripLeading().substring(1));
                if (words.isEmpty()) {
                    throw new MagicException("Line " + (i + 1) + ": a line magic needs a name after %, as in %maven.");
                }
                segments.add(new CellSegment.LineMagic(words.getFirst(), words.subList(1, words.size()), i));
            } else {
                java.append(line).append('\n');
                javaHasCode |= !line.isBlank();
            }
        }
        if (javaHasCode) {
            segments.add(new CellSegment.Java(java.toString()));
        }
        return segments;
    }
}
