package ai.lepton.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.kernel.magic.MagicException;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

class LeptonCommandsTest {

    @Test
    void helpListsTheSubcommandsAsMarkdownAndText() {
        DisplayData help = assertInstanceOf(DisplayData.class, LeptonCommands.line("help"));
        assertTrue(((String) help.getData(MIMEType.TEXT_MARKDOWN)).contains("| `%lepton help` |"));
        assertTrue(((String) help.getData(MIMEType.TEXT_PLAIN)).contains("%lepton help"));
        assertInstanceOf(DisplayData.class, LeptonCommands.line());
    }

    @Test
    void anUnknownSubcommandSuggestsTheNearest() {
        MagicException error = assertThrows(MagicException.class, () -> LeptonCommands.line("hepl"));
        assertTrue(error.getMessage().contains("no subcommand 'hepl'"));
        assertTrue(error.getMessage().contains("Did you mean %lepton help?"), error.getMessage());
    }

    @Test
    void aCellMagicNeedsASubcommand() {
        MagicException error = assertThrows(MagicException.class, () -> LeptonCommands.cell("body"));
        assertTrue(error.getMessage().contains("needs a subcommand"));
    }

    @Test
    void javaLiteralsEscapeWhatJavaNeeds() {
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001\"", JavaLiterals.string("a\"b\\c\nd\te\u0001"));
    }
}
