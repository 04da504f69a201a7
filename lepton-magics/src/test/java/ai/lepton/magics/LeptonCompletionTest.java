package ai.lepton.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

class LeptonCompletionTest {

    @Test
    void offersLineAndCellSubcommandsSeparately() {
        assertEquals(List.of("plot", "promote"), LeptonCompletion.complete(false, List.of(), "p"));
        assertEquals(List.of("sweep"), LeptonCompletion.complete(true, List.of(), "sw"));
        assertTrue(!LeptonCompletion.complete(false, List.of(), "").contains("train"), "train is a cell magic");
    }

    @Test
    void offersDatasSecondWordThenItsOptions() {
        assertEquals(List.of("prepare", "profile"), LeptonCompletion.complete(false, List.of("data"), "pr"));
        assertEquals(
                List.of("--impute"), LeptonCompletion.complete(false, List.of("data", "prepare", "penguins"), "--imp"));
    }

    @Test
    void offersTheValuesAnOptionChoosesFrom() {
        assertEquals(
                List.of("median", "mean", "mode"),
                LeptonCompletion.complete(false, List.of("data", "prepare", "penguins", "--impute"), "m"));
        assertEquals(List.of("asha"), LeptonCompletion.complete(true, List.of("sweep", "--scheduler"), "a"));
        assertEquals(
                List.of(),
                LeptonCompletion.complete(true, List.of("train", "--name"), ""),
                "a free value has nothing to offer");
    }

    @Test
    void offersPlotKindsFirstAndOptionsWhenADashIsTyped() {
        assertEquals(List.of("confusion"), LeptonCompletion.complete(false, List.of("plot"), "con"));
        assertEquals(
                List.of("--format", "--help", "--metrics"),
                LeptonCompletion.complete(false, List.of("plot", "mlp"), "--"));
        assertEquals(List.of("png", "svg"), LeptonCompletion.complete(false, List.of("plot", "mlp", "--format"), ""));
    }

    @Test
    void everySubcommandAnswersHelpWithItsUsage() {
        for (Subcommand subcommand : LeptonCommands.LINE.values()) {
            Object help = LeptonCommands.line(subcommand.name(), "--help");
            assertTrue(help.toString().startsWith("%lepton " + subcommand.name()), subcommand.name() + ": " + help);
        }
        for (Subcommand subcommand : DataCommands.SUBCOMMANDS.values()) {
            assertEquals(
                    subcommand.help(),
                    LeptonCommands.line(
                            subcommand.name().split(" ")[0], subcommand.name().split(" ")[1], "--help"));
        }
        for (Subcommand subcommand : LeptonCommands.CELL.values()) {
            assertEquals(subcommand.help(), LeptonCommands.cell("", subcommand.name(), "--help"));
        }
    }
}
