package ai.lepton.kernel.magic;

import ai.lepton.kernel.LeptonKernel;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/** Registers the kernel's own magics, and types magic functions for the registry. */
public final class KernelMagics {

    private KernelMagics() {}

    public static void registerAll(MagicsRegistry registry) {
        DependencyMagics.register(registry);
        ClasspathMagics.register(registry);
        LoadMagic.register(registry);
        TimeMagic.register(registry);
        ContentMagics.register(registry);
    }

    /** Pins a line magic's kernel type, which the registry's wildcard signature cannot infer. */
    public static LineMagic<Object, LeptonKernel> line(LineMagic<Object, LeptonKernel> magic) {
        return magic;
    }

    /** Pins a cell magic's kernel type, which the registry's wildcard signature cannot infer. */
    public static CellMagic<Object, LeptonKernel> cell(CellMagic<Object, LeptonKernel> magic) {
        return magic;
    }
}
