package ai.lepton.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.kernel.KernelEnvironment;
import ai.lepton.kernel.LeptonKernel;
import ai.lepton.kernel.LeptonKernelBuilder;
import ai.lepton.sweep.SweepException;
import ai.lepton.sweep.SweepOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** How the kernel shows the library's errors: a user's mistake as its message, a fault in Lepton with its stack. */
class KernelErrorsTest {

    @Test
    void aSweepsMistakeIsShownAsAMistakeToFixNotAsAnInternalError(@TempDir Path home) {
        LeptonKernel kernel =
                new LeptonKernelBuilder(new KernelEnvironment(home, "test", List.of(), List.of())).build();
        try {
            SweepException mistake = assertThrows(
                    SweepException.class, () -> SweepOptions.builder().set("scheduler", "hyperband"));
            assertEquals(
                    List.of("Sweep option 'scheduler' is hyperband; it must be one of [asha, median, none]."),
                    kernel.formatError(mistake));
            List<String> fault = kernel.formatError(new IllegalStateException("a bug"));
            assertEquals(
                    "Lepton internal error (please report it): java.lang.IllegalStateException: a bug",
                    fault.getFirst());
        } finally {
            kernel.onShutdown(false);
        }
    }
}
