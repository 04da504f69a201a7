package ai.lepton.kernel.magic;

import java.util.Locale;

/** {@code %time CODE} and {@code %%time}: run the code and print its wall-clock time. */
public final class TimeMagic {

    private TimeMagic() {}

    static void register(KernelMagics.Registrar magics) {
        magics.line("time", (kernel, args) -> time(kernel, String.join(" ", args)));
        magics.cell("time", (kernel, args, body) -> time(kernel, body));
    }

    private static Object time(MagicKernel kernel, String code) throws Exception {
        long start = System.nanoTime();
        try {
            return kernel.evalCell(code);
        } finally {
            kernel.getIO()
                    .out
                    .println(String.format(Locale.ROOT, "Wall time: %.1f ms", (System.nanoTime() - start) / 1e6));
        }
    }
}
