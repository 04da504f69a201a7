package ai.lepton.kernel.magic;

import java.util.List;

/** Completes the arguments of one magic: what may follow the words already typed on its line, and in a cell's body. */
@FunctionalInterface
public interface MagicCompleter {

    /**
     * @param cell    whether the line is a cell magic's ({@code %%name})
     * @param before  the whole words typed after the magic's name
     * @param partial the word being typed at the cursor (may be empty)
     * @return the words that could be typed there, in the order to offer them
     */
    List<String> complete(boolean cell, List<String> before, String partial);

    /**
     * Completes a line of a cell magic's body ({@code %%name} on the first line): nothing, unless the magic's body has a
     * language of its own to complete.
     *
     * @param header  the words after {@code %%name} on the first line
     * @param line    the body's line up to the cursor
     * @param partial the word being typed at the cursor (the end of {@code line}; may be empty)
     * @return what could replace {@code partial}
     */
    default List<String> completeBody(List<String> header, String line, String partial) {
        return List.of();
    }
}
