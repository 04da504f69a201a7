package ai.lepton.kernel.magic;

import java.util.List;

/** Completes the arguments of one magic: what may follow the words already typed on its line. */
@FunctionalInterface
public interface MagicCompleter {

    /**
     * @param cell    whether the line is a cell magic's ({@code %%name})
     * @param before  the whole words typed after the magic's name
     * @param partial the word being typed at the cursor (may be empty)
     * @return the words that could be typed there, in the order to offer them
     */
    List<String> complete(boolean cell, List<String> before, String partial);
}
