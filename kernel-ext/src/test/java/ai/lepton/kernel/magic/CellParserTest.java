package ai.lepton.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

class CellParserTest {

    @Test
    void aCellMagicTakesTheWholeBody() {
        List<CellSegment> segments = CellParser.parse("\n%%html --x 1\n<b>a</b>\n<i>b</i>");
        CellSegment.CellMagic magic = assertInstanceOf(CellSegment.CellMagic.class, segments.getFirst());
        assertEquals("html", magic.name());
        assertEquals(List.of("--x", "1"), magic.args());
        assertEquals("<b>a</b>\n<i>b</i>", magic.body());
        assertEquals(1, segments.size());
    }

    @Test
    void lineMagicsSplitJavaAndKeepCellLineNumbers() {
        List<CellSegment> segments = CellParser.parse("int a = 1;\n%maven g:a:1\nint b = 2;");
        assertEquals(3, segments.size());
        assertEquals("int a = 1;\n", ((CellSegment.Java) segments.get(0)).code());
        CellSegment.LineMagic magic = (CellSegment.LineMagic) segments.get(1);
        assertEquals("maven", magic.name());
        assertEquals(1, magic.line());
        // the Java after the magic starts on the cell's third line, so errors name line 3
        assertEquals("\n\nint b = 2;\n", ((CellSegment.Java) segments.get(2)).code());
    }

    @Test
    void blankJavaBetweenMagicsIsDropped() {
        List<CellSegment> segments = CellParser.parse("%jars a.jar\n\n%jars b.jar\n");
        assertEquals(2, segments.size());
        assertTrue(segments.stream().allMatch(CellSegment.LineMagic.class::isInstance));
    }

    @Test
    void aMagicWithoutANameIsRefusedWithItsLine() {
        MagicException error = assertThrows(MagicException.class, () -> CellParser.parse("int a;\n%   \n"));
        assertTrue(error.getMessage().startsWith("Line 2:"), error.getMessage());
        assertThrows(MagicException.class, () -> CellParser.parse("%%\nbody"));
    }
}
