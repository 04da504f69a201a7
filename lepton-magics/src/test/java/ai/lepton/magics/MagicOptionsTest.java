package ai.lepton.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.kernel.magic.MagicArgs;
import ai.lepton.kernel.magic.MagicException;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

class MagicOptionsTest {

    private static MagicOptions parse(String line) {
        return MagicOptions.parse("%%lepton sweep", MagicArgs.split(line), Set.of("slurm", "trials"), Set.of());
    }

    @Test
    void aValueMayStartWithDashesUnlessItIsAnotherOption() {
        assertEquals(
                Optional.of("--partition gpu --gres=gpu:1"),
                parse("--slurm \"--partition gpu --gres=gpu:1\" --trials 4").value("slurm"));
        assertEquals(
                Optional.of("--export=NONE"), parse("--slurm=--export=NONE").value("slurm"));
        assertEquals(Optional.of("4"), parse("--trials=4").value("trials"));
    }

    @Test
    void anOptionFollowedByAnotherHasNoValue() {
        MagicException refused = assertThrows(MagicException.class, () -> parse("--slurm --trials 4"));
        assertEquals("%%lepton sweep: --slurm needs a value.", refused.getMessage());
    }
}
