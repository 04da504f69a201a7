package ai.lepton.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.train.TrainOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

class LeptonCompletionTest {

    private static final LeptonCompletion COMPLETION = new LeptonCompletion();

    @Test
    void offersLineAndCellSubcommandsSeparately() {
        assertEquals(List.of("plot", "pretrained", "promote"), COMPLETION.complete(false, List.of(), "p"));
        assertEquals(List.of("sweep"), COMPLETION.complete(true, List.of(), "sw"));
        assertTrue(!COMPLETION.complete(false, List.of(), "").contains("train"), "train is a cell magic");
    }

    @Test
    void offersDatasSecondWordThenItsOptions() {
        assertEquals(List.of("prepare", "profile"), COMPLETION.complete(false, List.of("data"), "pr"));
        assertEquals(List.of("--impute"), COMPLETION.complete(false, List.of("data", "prepare", "penguins"), "--imp"));
    }

    @Test
    void offersTheValuesAnOptionChoosesFrom() {
        assertEquals(
                List.of("median", "mean", "mode"),
                COMPLETION.complete(false, List.of("data", "prepare", "penguins", "--impute"), "m"));
        assertEquals(List.of("asha"), COMPLETION.complete(true, List.of("sweep", "--scheduler"), "a"));
        assertEquals(
                List.of(),
                COMPLETION.complete(true, List.of("train", "--name"), ""),
                "a free value has nothing to offer");
    }

    @Test
    void offersPlotKindsFirstAndOptionsWhenADashIsTyped() {
        assertEquals(List.of("confusion"), COMPLETION.complete(false, List.of("plot"), "con"));
        assertEquals(
                List.of("--format", "--help", "--metrics"), COMPLETION.complete(false, List.of("plot", "mlp"), "--"));
        assertEquals(List.of("png", "svg"), COMPLETION.complete(false, List.of("plot", "mlp", "--format"), ""));
    }

    @Test
    void theTrainAndSweepBodiesCompleteHyperparameterNamesAndTheirChoices() {
        assertEquals(List.of("epochs: "), COMPLETION.completeBody(List.of("train"), "epo", "epo"));
        assertEquals(
                List.of("mlp", "cnn", "bert"), COMPLETION.completeBody(List.of("train", "--data", "x"), "model: ", ""));
        assertEquals(List.of("adam", "adamw"), COMPLETION.completeBody(List.of("train"), "optimizer: a", "a"));
        assertEquals(List.of("loguniform("), COMPLETION.completeBody(List.of("sweep"), "lr: log", "log"));
        assertEquals(
                List.of(), COMPLETION.completeBody(List.of("train"), "epoks: ", ""), "an unknown key offers nothing");
        assertEquals(
                List.of(),
                COMPLETION.completeBody(List.of("html"), "epo", "epo"),
                "other cell magics' bodies are theirs");
        assertEquals(
                TrainOptions.HYPERPARAMETERS.names().size(),
                COMPLETION.completeBody(List.of("train"), "", "").size());
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
