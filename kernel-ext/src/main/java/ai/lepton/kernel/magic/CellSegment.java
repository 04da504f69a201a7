package ai.lepton.kernel.magic;

import java.util.List;

/** One part of a cell: Java code, a line magic, or (a whole cell) a cell magic. */
public sealed interface CellSegment {

    /**
     * Java lines of the cell. {@code code} keeps the cell's line numbers: lines that belong to
     * other segments are blank, so compile errors and stack frames name the cell's own lines.
     */
    record Java(String code) implements CellSegment {}

    /** {@code %name args} on a line of its own. */
    record LineMagic(String name, List<String> args, int line) implements CellSegment {}

    /** {@code %%name args} as the first line; the rest of the cell is its body. */
    record CellMagic(String name, List<String> args, String body) implements CellSegment {}
}
