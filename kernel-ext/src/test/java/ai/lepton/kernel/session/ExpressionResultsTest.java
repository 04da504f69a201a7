package ai.lepton.kernel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class ExpressionResultsTest {

    @Test
    void keepsTheLatestResultsAndThoseThatCodeStillNames() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            VarSnippet named = result(shell, "20 + 1");
            shell.eval("int twice() { return " + named.name() + " * 2; }");
            VarSnippet unnamed = result(shell, "\"nobody names me\"");
            List<VarSnippet> later = new ArrayList<>();
            for (int i = 0; i < ExpressionResults.KEPT + 3; i++) {
                later.add(result(shell, i + " * 3"));
            }

            ExpressionResults.forgetOld(shell);

            assertEquals(Snippet.Status.DROPPED, shell.status(unnamed));
            assertTrue(shell.status(named).isActive(), "a result that a method uses stays");
            assertEquals("42", shell.eval("twice()").getFirst().value());
            for (VarSnippet result : later.subList(0, 3)) {
                assertEquals(Snippet.Status.DROPPED, shell.status(result));
            }
            for (VarSnippet result : later.subList(3, later.size())) {
                assertTrue(shell.status(result).isActive(), result.name() + " is among the latest");
            }
        }
    }

    @Test
    void aCompileErrorAboutADroppedResultSaysWhy() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            SnippetEvent rejected = shell.eval("$999 + 1").getFirst();
            String message = shell.diagnostics(rejected.snippet())
                    .findFirst()
                    .orElseThrow()
                    .getMessage(null);
            assertNotNull(ExpressionResults.hintFor(message), message);
            assertNull(ExpressionResults.hintFor("cannot find symbol\n  symbol:   variable total"));
        }
    }

    private static VarSnippet result(JShell shell, String expression) {
        return (VarSnippet) shell.eval(expression).getFirst().snippet();
    }
}
