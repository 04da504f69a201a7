package ai.lepton.kernel.magic;

import ai.lepton.kernel.LeptonKernel;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

import java.util.Locale;

/** {@code %time CODE} and {@code %%time}: run the code and print its wall-clock time. */
public final class TimeMagic {

    private TimeMagic() {}

    public static void register(MagicsRegistry registry) {
        registry.registerLineMagic("time", KernelMagics.line((kernel, args) -> time(kernel, String.join(" ", args))));
        registry.registerCellMagic("time", KernelMagics.cell((kernel, args, body) -> time(kernel, body)));
    }

    private static Object time(LeptonKernel kernel, String code) throws Exception {
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
