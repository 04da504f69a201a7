package ai.lepton.kernel.session;

/**
 * One snippet of a cell, as JShell will evaluate it.
 *
 * @param source    the snippet's source as JShell normalized it
 * @param offset    the character offset in the cell where the snippet starts
 * @param firstLine the cell line (0-based) where the snippet starts
 * @param column    the column (0-based) where the snippet starts on that line
 */
record CellPiece(String source, int offset, int firstLine, int column) {

    boolean contains(int cellOffset) {
        return cellOffset >= offset && cellOffset <= offset + source.length();
    }
}
