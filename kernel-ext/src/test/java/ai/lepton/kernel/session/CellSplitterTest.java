package ai.lepton.kernel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

class CellSplitterTest {

    private static JShell shell;
    private static CellSplitter splitter;

    @BeforeAll
    static void analysis() {
        shell = JShell.builder().executionEngine("local").build();
        splitter = new CellSplitter(shell.sourceCodeAnalysis());
    }

    @AfterAll
    static void close() {
        shell.close();
    }

    @Test
    void splitsStatementsAndRemembersWhereEachStarts() {
        List<CellPiece> pieces = splitter.split("int a = 1;\n  int b = 2;\nvoid f() {\n}\na + b");
        assertEquals(4, pieces.size());
        assertEquals(
                List.of(0, 1, 2, 4), pieces.stream().map(CellPiece::firstLine).toList());
        assertEquals("int b = 2;", pieces.get(1).source());
        assertEquals(2, pieces.get(1).column());
        assertEquals("a + b", pieces.get(3).source().strip());
    }

    @Test
    void anIncompleteTailIsKeptWhole() {
        List<CellPiece> pieces = splitter.split("int a = 1;\nfor (int i = 0; i < 2; i++) {");
        assertEquals(2, pieces.size());
        assertEquals("for (int i = 0; i < 2; i++) {", pieces.get(1).source().strip());
    }

    @Test
    void judgesCompleteness() {
        assertEquals("complete", splitter.completeness("int x = 1;"));
        assertEquals("incomplete", splitter.completeness("if (true) {"));
        assertEquals("complete", splitter.completeness("   "));
    }

    @Test
    void linesAndColumnsCountFromZero() {
        assertEquals(2, CellSplitter.lineOf("a\nb\ncd", 5));
        assertEquals(1, CellSplitter.columnOf("a\nb\ncd", 5));
    }
}
