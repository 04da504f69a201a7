package ai.lepton.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkdownCellTest {

    @Test
    void pipesAreEscapedAndLineBreaksJoinTheCell() {
        assertEquals("%lepton data load\\|profile\\|prepare", MarkdownCell.of("%lepton data load|profile|prepare"));
        assertEquals("two lines", MarkdownCell.of("two\nlines"));
        assertEquals("0.5", MarkdownCell.of(0.5));
    }
}
